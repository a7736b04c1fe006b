package io.corelink.wire.sigv4;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.corelink.wire.error.AwsError;
import io.corelink.wire.error.AwsException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code X-Amz-Date} must be the 16-character basic format with a real date; anything else is AWS's 400. */
class AmzDateTest {
    private final SigV4Verifier verifier = new SigV4Verifier(id -> Optional.of("secret"), "us-east-1",
            Clock.fixed(Instant.parse("2026-12-02T10:00:00Z"), ZoneOffset.UTC));

    @Test
    void datesThatAreNotTheBasicFormat_orNotReal_areIncompleteSignatures() {
        for (String date : List.of("2026-12-02T10:00:00Z", "20261302T100000Z", "20261232T100000Z", "20261202T250000Z",
                "20261202 100000Z", "2026120T2100000Z", "+0261202T100000Z", "20261202T100000", "")) {
            Map<String, List<String>> headers = Map.of("authorization", List.of("AWS4-HMAC-SHA256 Credential=AKID/"
                            + "20261202/us-east-1/iot/aws4_request, SignedHeaders=host;x-amz-date, Signature="
                            + "0".repeat(64)), "x-amz-date", List.of(date), "host", List.of("h"));
            assertThatThrownBy(() -> verifier.checkHeaders(new SignedRequest("GET", "/", null, headers, new byte[0])))
                    .as(date).isInstanceOfSatisfying(AwsException.class, e -> {
                        org.assertj.core.api.Assertions.assertThat(e.error())
                                .isEqualTo(AwsError.IncompleteSignatureException);
                        org.assertj.core.api.Assertions.assertThat(e.getMessage())
                                .isEqualTo("Date must be in ISO-8601 'basic format'. Got '" + date + "'. See "
                                        + "http://en.wikipedia.org/wiki/ISO_8601");
                    });
        }
    }
}
