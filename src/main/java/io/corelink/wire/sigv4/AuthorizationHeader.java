package io.corelink.wire.sigv4;

import io.corelink.wire.error.AwsError;
import io.corelink.wire.error.AwsException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The parsed {@code Authorization: AWS4-HMAC-SHA256 Credential=AKID/20150830/us-east-1/iot/aws4_request,
 * SignedHeaders=host;x-amz-date, Signature=<hex>} header.
 */
public record AuthorizationHeader(
        String accessKeyId,
        String scopeDate,
        String scopeRegion,
        String scopeService,
        String scopeTerminator,
        List<String> signedHeaders,
        String signature) {

    public static final String ALGORITHM = "AWS4-HMAC-SHA256";
    private static final java.util.regex.Pattern SIGNATURE = java.util.regex.Pattern.compile("[0-9a-f]{64}");

    /** The credential scope as written in the string to sign. */
    public String scope() {
        return scopeDate + "/" + scopeRegion + "/" + scopeService + "/" + scopeTerminator;
    }

    /**
     * @throws AwsException {@code IncompleteSignatureException} (400) naming what is missing or malformed
     */
    public static AuthorizationHeader parse(String header) {
        String value = header.strip();
        if (!value.startsWith(ALGORITHM + " ")) {
            throw incomplete("Authorization header requires the '" + ALGORITHM + "' algorithm. Authorization="
                    + firstWord(value));
        }
        Map<String, String> parts = new HashMap<>();
        for (String part : value.substring(ALGORITHM.length()).split(",")) {
            String trimmed = part.strip();
            int eq = trimmed.indexOf('=');
            if (eq <= 0) {
                throw incomplete("Authorization header requires each component to be of the form key=value. Authorization="
                        + ALGORITHM);
            }
            parts.put(trimmed.substring(0, eq), trimmed.substring(eq + 1));
        }
        List<String> missing = new ArrayList<>();
        for (String required : List.of("Credential", "SignedHeaders", "Signature")) {
            if (!parts.containsKey(required) || parts.get(required).isEmpty()) {
                missing.add("Authorization header requires '" + required + "' parameter.");
            }
        }
        if (!missing.isEmpty()) {
            throw incomplete(String.join(" ", missing) + " Authorization=" + ALGORITHM);
        }
        String[] credential = parts.getOrDefault("Credential", "").split("/", -1);
        if (credential.length != 5 || credential[0].isEmpty()) {
            throw incomplete("Credential should have 5 parts in the form <access key>/<date>/<region>/<service>/"
                    + "aws4_request, not " + credential.length);
        }
        String signature = parts.getOrDefault("Signature", "");
        if (!SIGNATURE.matcher(signature).matches()) {
            throw incomplete("Signature must be 64 lower-case hexadecimal characters");
        }
        List<String> signedHeaders = List.of(parts.getOrDefault("SignedHeaders", "").split(";"));
        return new AuthorizationHeader(credential[0], credential[1], credential[2], credential[3], credential[4],
                signedHeaders, signature);
    }

    private static String firstWord(String value) {
        int space = value.indexOf(' ');
        String word = space < 0 ? value : value.substring(0, space);
        return word.length() > 32 ? word.substring(0, 32) : word;
    }

    private static AwsException incomplete(String message) {
        return new AwsException(AwsError.IncompleteSignatureException, message);
    }

    /**
     * The service named in an {@code Authorization} header's credential scope, read without validating anything else
     * (to choose which service's words answer the request); null when there is none.
     */
    public static @org.jspecify.annotations.Nullable String scopeServiceOf(
            @org.jspecify.annotations.Nullable String header) {
        String credential = credentialOf(header);
        String[] scope = credential == null ? new String[0] : credential.split("/");
        return scope.length >= 5 ? scope[3] : null;
    }

    /**
     * The access key id named in an {@code Authorization} header's credential scope, read without validating
     * anything else (for the audit log of a failed authentication); null when there is none, or it is not one
     * (an access key id is 16 to 128 letters and digits).
     */
    public static @org.jspecify.annotations.Nullable String accessKeyIdOf(
            @org.jspecify.annotations.Nullable String header) {
        String credential = credentialOf(header);
        if (credential == null) {
            return null;
        }
        int slash = credential.indexOf('/');
        String keyId = slash < 0 ? credential : credential.substring(0, slash);
        return keyId.matches("[A-Za-z0-9]{16,128}") ? keyId : null;
    }

    /** The value of a header's {@code Credential=}, up to the next comma; null when there is none. */
    private static @org.jspecify.annotations.Nullable String credentialOf(
            @org.jspecify.annotations.Nullable String header) {
        if (header == null) {
            return null;
        }
        int credential = header.indexOf("Credential=");
        if (credential < 0) {
            return null;
        }
        int end = header.indexOf(',', credential);
        return header.substring(credential + "Credential=".length(), end < 0 ? header.length() : end).strip();
    }
}
