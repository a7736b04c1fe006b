package io.corelink.wire.sigv4;

import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Signs a request with SigV4 the way the AWS SDKs do for a non-S3 service, for Corelink's own CLI commands that
 * talk to a running server. Signs {@code host}, {@code x-amz-date}, {@code x-amz-content-sha256} and every header
 * the caller passes.
 */
public final class SigV4Signer {
    private static final DateTimeFormatter AMZ_DATE =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private SigV4Signer() {
    }

    /**
     * @param uri the request URI with its path and query already percent-encoded as they will be sent
     * @param headers headers to send and sign besides the ones this adds
     * @return every header to send, {@code Authorization} included ({@code host} excluded: HTTP clients set it)
     */
    public static Map<String, String> sign(String method, URI uri, Map<String, String> headers, byte[] body,
                                           String accessKeyId, String secret, String region, String service,
                                           Instant now) {
        String amzDate = AMZ_DATE.format(now);
        String payloadHash = SigV4Math.HEX.formatHex(SigV4Math.sha256(body));
        TreeMap<String, String> signed = new TreeMap<>();
        headers.forEach((name, value) -> signed.put(name.toLowerCase(Locale.ROOT), value));
        signed.put("host", uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort());
        signed.put("x-amz-date", amzDate);
        signed.put("x-amz-content-sha256", payloadHash);
        Map<String, List<String>> canonicalHeaders = new LinkedHashMap<>();
        signed.forEach((name, value) -> canonicalHeaders.put(name, List.of(value)));
        List<String> names = new ArrayList<>(signed.keySet());
        SignedRequest request = new SignedRequest(method, uri.getRawPath(), uri.getRawQuery(), canonicalHeaders, body);
        String scope = amzDate.substring(0, 8) + "/" + region + "/" + service + "/aws4_request";
        String stringToSign = SigV4Math.stringToSign(amzDate, scope, CanonicalRequest.of(request, names, payloadHash));
        byte[] signature = SigV4Math.signature(secret, amzDate.substring(0, 8), region, service, "aws4_request",
                stringToSign);
        Map<String, String> result = new LinkedHashMap<>(signed);
        result.remove("host");
        result.put("authorization", AuthorizationHeader.ALGORITHM + " Credential=" + accessKeyId + "/" + scope
                + ", SignedHeaders=" + String.join(";", names) + ", Signature=" + SigV4Math.HEX.formatHex(signature));
        return result;
    }
}
