package io.corelink.wire.sigv4;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/** Corelink's own signer (used by its CLI) produces what the AWS SDK's signer produces, and verifies. */
class SigV4SignerTest {
    private static final Instant NOW = Instant.parse("2026-11-26T09:00:00Z");

    @Test
    void signsLikeTheSdk_andTheVerifierAcceptsIt() {
        URI uri = URI.create("http://127.0.0.1:8080/corelink/v1/discoveryDiagnosis/core%3A1%20x?a=b%2Fc");
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        Map<String, String> ours = SigV4Signer.sign("POST", uri, Map.of(), body, "AKIASIGNER0000000001", "secret",
                "us-east-1", "greengrass", NOW);

        SdkHttpRequest request = SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(uri).build();
        String sdk = AwsV4HttpSigner.create().sign(r -> r
                .identity(AwsCredentialsIdentity.create("AKIASIGNER0000000001", "secret"))
                .request(request).payload(ContentStreamProvider.fromByteArray(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "greengrass")
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(NOW, ZoneOffset.UTC)))
                .request().firstMatchingHeader("Authorization").orElseThrow();
        assertThat(ours.get("authorization")).isEqualTo(sdk);

        Map<String, List<String>> headers = new LinkedHashMap<>();
        ours.forEach((k, v) -> headers.put(k, List.of(v)));
        headers.put("host", List.of("127.0.0.1:8080"));
        VerifiedCaller caller = new SigV4Verifier(id -> Optional.of("secret"), "us-east-1",
                Clock.fixed(NOW, ZoneOffset.UTC)).verify(new SignedRequest("POST", uri.getRawPath(), uri.getRawQuery(),
                headers, body));
        assertThat(caller.service()).isEqualTo("greengrass");
    }
}
