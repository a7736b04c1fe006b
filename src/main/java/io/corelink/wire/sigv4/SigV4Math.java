package io.corelink.wire.sigv4;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The arithmetic SigV4 signing and verifying share: hashes, the string to sign, the derived key, the signature. */
final class SigV4Math {
    static final HexFormat HEX = HexFormat.of();

    private SigV4Math() {
    }

    static String stringToSign(String amzDate, String scope, String canonicalRequest) {
        return AuthorizationHeader.ALGORITHM + '\n' + amzDate + '\n' + scope + '\n'
                + HEX.formatHex(sha256(canonicalRequest.getBytes(StandardCharsets.UTF_8)));
    }

    /** {@code HMAC(HMAC(HMAC(HMAC("AWS4"+secret, date), region), service), "aws4_request")} applied to the text. */
    static byte[] signature(String secret, String date, String region, String service, String terminator,
                            String stringToSign) {
        byte[] key = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), date);
        key = hmac(key, region);
        key = hmac(key, service);
        key = hmac(key, terminator);
        return hmac(key, stringToSign);
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
