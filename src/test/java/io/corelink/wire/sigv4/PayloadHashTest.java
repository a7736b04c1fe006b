package io.corelink.wire.sigv4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.corelink.wire.error.AwsError;
import io.corelink.wire.error.AwsException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The payload hash rule of control-plane.md §3: {@code x-amz-content-sha256} counts only when it is a signed header,
 * and then it is exactly {@code UNSIGNED-PAYLOAD} or the body's SHA-256.
 */
class PayloadHashTest {
    private static final String KEY = "AKIDEXAMPLE";
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");
    private static final byte[] BODY = "{\"thingName\":\"t\"}".getBytes(StandardCharsets.UTF_8);
    private final SigV4Verifier verifier = new SigV4Verifier(id -> id.equals(KEY) ? Optional.of(SECRET)
            : Optional.empty(), "us-east-1", Clock.fixed(NOW, ZoneOffset.UTC));

    /** A request whose signature is right for the given claimed hash, signing {@code x-amz-content-sha256} or not. */
    private static SignedRequest signed(String claimedHash, boolean signHashHeader, String hashUsedInSignature) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("host", List.of("127.0.0.1:8080"));
        headers.put("x-amz-content-sha256", List.of(claimedHash));
        headers.put("x-amz-date", List.of("20261202T100000Z"));
        List<String> names = signHashHeader ? List.of("host", "x-amz-content-sha256", "x-amz-date")
                : List.of("host", "x-amz-date");
        SignedRequest unsigned = new SignedRequest("POST", "/things/t", null, headers, BODY);
        String scope = "20261202/us-east-1/iot/aws4_request";
        String toSign = SigV4Math.stringToSign("20261202T100000Z", scope,
                CanonicalRequest.of(unsigned, names, hashUsedInSignature));
        String signature = SigV4Math.HEX.formatHex(SigV4Math.signature(SECRET, "20261202", "us-east-1", "iot",
                "aws4_request", toSign));
        headers.put("authorization", List.of("AWS4-HMAC-SHA256 Credential=" + KEY + "/" + scope + ", SignedHeaders="
                + String.join(";", names) + ", Signature=" + signature));
        return new SignedRequest("POST", "/things/t", null, headers, BODY);
    }

    private static String bodyHash() {
        return SigV4Math.HEX.formatHex(SigV4Math.sha256(BODY));
    }

    @Test
    void exactlyUnsignedPayload_whenSigned_isAccepted() {
        assertThat(verifier.verify(signed("UNSIGNED-PAYLOAD", true, "UNSIGNED-PAYLOAD")).accessKeyId()).isEqualTo(KEY);
    }

    @Test
    void somethingThatOnlyBeginsWithUnsignedPayload_isRejected() {
        for (String claimed : List.of("UNSIGNED-PAYLOAD-TRAILER", "UNSIGNED-PAYLOADX", "STREAMING-UNSIGNED-PAYLOAD",
                "unsigned-payload")) {
            assertThatThrownBy(() -> verifier.verify(signed(claimed, true, claimed)))
                    .as(claimed).isInstanceOfSatisfying(AwsException.class, e -> {
                        assertThat(e.error()).isEqualTo(AwsError.InvalidSignatureException);
                        assertThat(e.getMessage()).isEqualTo(
                                "The provided 'x-amz-content-sha256' header does not match what was computed.");
                    });
        }
    }

    @Test
    void aSignedHash_mustMatchTheBody() {
        assertThat(verifier.verify(signed(bodyHash(), true, bodyHash())).accessKeyId()).isEqualTo(KEY);
        String other = "0".repeat(64);
        assertThatThrownBy(() -> verifier.verify(signed(other, true, other)))
                .isInstanceOfSatisfying(AwsException.class,
                        e -> assertThat(e.error()).isEqualTo(AwsError.InvalidSignatureException));
    }

    @Test
    void anUnsignedHashHeader_isIgnored_theBodyIsHashed() {
        assertThat(verifier.verify(signed("UNSIGNED-PAYLOAD", false, bodyHash())).accessKeyId())
                .as("the body's hash is what the signature covers").isEqualTo(KEY);
        assertThatThrownBy(() -> verifier.verify(signed("UNSIGNED-PAYLOAD", false, "UNSIGNED-PAYLOAD")))
                .as("an unsigned UNSIGNED-PAYLOAD does not let the body go unhashed")
                .isInstanceOfSatisfying(AwsException.class,
                        e -> assertThat(e.error()).isEqualTo(AwsError.InvalidSignatureException));
    }
}
