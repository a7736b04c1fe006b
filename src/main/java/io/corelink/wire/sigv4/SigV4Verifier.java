package io.corelink.wire.sigv4;

import io.corelink.wire.error.AwsError;
import io.corelink.wire.error.AwsException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * Verifies AWS Signature Version 4 in the {@code Authorization} header, the reverse of what the AWS SDKs and CLI do
 * (see {@link CanonicalRequest}). The checks run in the order AWS reports them: missing token, malformed header,
 * missing date, unknown key, scope, clock skew (5 minutes either way), payload hash, signature (compared in
 * constant time). The scope's service is returned, not checked: only the route knows which services it accepts.
 *
 * @see <a href="https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html">Create a
 *     signed AWS API request</a>
 */
public final class SigV4Verifier {
    public static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";
    private static final Duration MAX_SKEW = Duration.ofMinutes(5);
    private static final DateTimeFormatter AMZ_DATE =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final HexFormat HEX = HexFormat.of();

    private final CredentialLookup credentials;
    /** The regions AWS's clients sign its global services (IAM, STS) for. */
    static final java.util.Set<String> GLOBAL_SIGNING_REGIONS = java.util.Set.of("us-east-1", "aws-global");

    private final String region;
    private final Clock clock;

    public SigV4Verifier(CredentialLookup credentials, String region, Clock clock) {
        this.credentials = credentials;
        this.region = region;
        this.clock = clock;
    }

    /**
     * @return the caller, when the signature is valid
     * @throws AwsException {@code MissingAuthenticationTokenException}, {@code IncompleteSignatureException},
     *     {@code UnrecognizedClientException} or {@code InvalidSignatureException}, with AWS's message
     */
    public VerifiedCaller verify(SignedRequest request) {
        return checkHeaders(request).verify(request);
    }

    /**
     * Every check that needs no body: the header's form, the date, the access key, the scope and the clock skew. A
     * request that fails here is refused before its body is read, so that a client without a valid key cannot hold a
     * thread by sending a body slowly.
     *
     * @param request the request; its body is not looked at
     * @return what {@link HeaderChecked#verify} needs to finish with the body
     * @throws AwsException as {@link #verify}
     */
    public HeaderChecked checkHeaders(SignedRequest request) {
        String authorization = request.firstHeader("authorization");
        if (authorization == null || authorization.isBlank()) {
            throw new AwsException(AwsError.MissingAuthenticationTokenException, "Missing Authentication Token");
        }
        AuthorizationHeader header = AuthorizationHeader.parse(authorization);
        String amzDate = request.firstHeader("x-amz-date");
        if (amzDate == null) {
            throw new AwsException(AwsError.IncompleteSignatureException,
                    "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. "
                            + "Authorization=" + AuthorizationHeader.ALGORITHM);
        }
        Instant signedAt = parseAmzDate(amzDate);
        if (!header.signedHeaders().contains("host")) {
            throw new AwsException(AwsError.IncompleteSignatureException,
                    "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
        }
        String secret = credentials.secretOf(header.accessKeyId()).orElseThrow(() -> new AwsException(
                AwsError.UnrecognizedClientException, "The security token included in the request is invalid."));
        checkScope(header, amzDate);
        checkSkew(amzDate, signedAt);
        return new HeaderChecked(header, amzDate, secret);
    }

    /** A request whose headers passed {@link #checkHeaders}; its payload hash and signature are still to check. */
    public static final class HeaderChecked {
        private final AuthorizationHeader header;
        private final String amzDate;
        private final String secret;

        private HeaderChecked(AuthorizationHeader header, String amzDate, String secret) {
            this.header = header;
            this.amzDate = amzDate;
            this.secret = secret;
        }

        /**
         * @param request the same request, now with its body
         * @throws AwsException {@code InvalidSignatureException} when the payload hash or the signature is wrong
         */
        public VerifiedCaller verify(SignedRequest request) {
            String payloadHash = payloadHash(request, header.signedHeaders());
            String canonical = CanonicalRequest.of(request, header.signedHeaders(), payloadHash);
            String stringToSign = SigV4Math.stringToSign(amzDate, header.scope(), canonical);
            byte[] expected = SigV4Math.signature(secret, header.scopeDate(), header.scopeRegion(),
                    header.scopeService(), header.scopeTerminator(), stringToSign);
            byte[] provided = HEX.parseHex(header.signature());
            if (!MessageDigest.isEqual(expected, provided)) {
                throw new AwsException(AwsError.InvalidSignatureException,
                        "The request signature we calculated does not match the signature you provided. Check your "
                                + "AWS Secret Access Key and signing method. Consult the service documentation for "
                                + "details.");
            }
            return new VerifiedCaller(header.accessKeyId(), header.scopeService());
        }
    }

    /**
     * {@code yyyyMMdd'T'HHmmss'Z'} read by hand: {@code DateTimeFormatter.parse} was a few per cent of a signed
     * request's server CPU (JFR, bench row 1), for a fixed 16-character form.
     */
    private static Instant parseAmzDate(String amzDate) {
        try {
            if (amzDate.length() != 16 || amzDate.charAt(8) != 'T' || amzDate.charAt(15) != 'Z') {
                throw new DateTimeException("not the basic format");
            }
            return LocalDateTime.of(digits(amzDate, 0, 4), digits(amzDate, 4, 6), digits(amzDate, 6, 8),
                    digits(amzDate, 9, 11), digits(amzDate, 11, 13), digits(amzDate, 13, 15)).toInstant(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            throw new AwsException(AwsError.IncompleteSignatureException,
                    "Date must be in ISO-8601 'basic format'. Got '" + amzDate + "'. See "
                            + "http://en.wikipedia.org/wiki/ISO_8601");
        }
    }

    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                throw new DateTimeException("not a digit");
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private void checkScope(AuthorizationHeader header, String amzDate) {
        String day = amzDate.substring(0, 8);
        if (!header.scopeDate().equals(day)) {
            throw invalid("Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '"
                    + header.scopeDate() + "' != '" + day + "', from '" + amzDate + "'.");
        }
        if (!header.scopeRegion().equals(region) && !isGlobalServiceScope(header)) {
            throw invalid("Credential should be scoped to a valid Region, not '" + header.scopeRegion() + "'.");
        }
        if (!header.scopeTerminator().equals("aws4_request")) {
            throw invalid("Credential should be scoped with a valid terminator: 'aws4_request', not '"
                    + header.scopeTerminator() + "'.");
        }
    }

    /**
     * IAM and STS are global services: AWS's tools sign them for {@code us-east-1} whatever region they are set to
     * (the Java SDK, given the global pseudo-region {@code aws-global} and an endpoint, signs with that name), so those
     * scopes are accepted for them beside the deployment's own region.
     */
    private static boolean isGlobalServiceScope(AuthorizationHeader header) {
        return GLOBAL_SIGNING_REGIONS.contains(header.scopeRegion())
                && ("iam".equals(header.scopeService()) || "sts".equals(header.scopeService()));
    }

    private void checkSkew(String amzDate, Instant signedAt) {
        Instant now = clock.instant();
        if (signedAt.isBefore(now.minus(MAX_SKEW))) {
            throw invalid("Signature expired: " + amzDate + " is now earlier than "
                    + AMZ_DATE.format(now.minus(MAX_SKEW)) + " (" + AMZ_DATE.format(now) + " - 5 min.)");
        }
        if (signedAt.isAfter(now.plus(MAX_SKEW))) {
            throw invalid("Signature not yet current: " + amzDate + " is still later than "
                    + AMZ_DATE.format(now.plus(MAX_SKEW)) + " (" + AMZ_DATE.format(now) + " + 5 min.)");
        }
    }

    /**
     * The payload hash of the canonical request: the {@code x-amz-content-sha256} header when it is a signed header
     * (exactly {@code UNSIGNED-PAYLOAD}, or a SHA-256 that must match the body), else the body's own hash. An unsigned
     * header is ignored: anyone on the path could have set it.
     */
    private static String payloadHash(SignedRequest request, List<String> signedHeaders) {
        String actual = HEX.formatHex(SigV4Math.sha256(request.body()));
        String claimed = request.firstHeader("x-amz-content-sha256");
        if (claimed == null || !signedHeaders.contains("x-amz-content-sha256")) {
            return actual;
        }
        if (claimed.equals(UNSIGNED_PAYLOAD)) {
            return claimed;
        }
        if (!claimed.equalsIgnoreCase(actual)) {
            throw invalid("The provided 'x-amz-content-sha256' header does not match what was computed.");
        }
        return claimed;
    }

    private static AwsException invalid(String message) {
        return new AwsException(AwsError.InvalidSignatureException, message);
    }
}
