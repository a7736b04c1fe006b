package io.corelink.wire.sigv4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.corelink.testing.TestServer;
import io.corelink.wire.error.AwsError;
import io.corelink.wire.error.AwsException;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.signer.Aws4Signer;
import software.amazon.awssdk.auth.signer.params.Aws4SignerParams;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.greengrassv2.GreengrassV2Client;
import software.amazon.awssdk.services.greengrassv2.model.GreengrassV2Exception;
import software.amazon.awssdk.services.greengrassv2.model.ResourceNotFoundException;
import software.amazon.awssdk.services.greengrassv2.model.ValidationException;

/** The verifier against the AWS SDK's signers as oracles, on the paths and queries Corelink's clients send. */
class SdkSignerOracleTest {
    private static final String KEY = "AKIAORACLE0000000001";
    private static final String SECRET = "oracle-secret/with+chars=0000000000000000";
    private static final Instant NOW = Instant.parse("2026-11-26T08:00:00Z");

    @Test
    void legacyAws4Signer_pathLabelsWithColonsAndSpaces_andQueries_verify() {
        for (String path : List.of("/greengrass/v2/coreDevices/core%3A1%20x/associatedClientDevices",
                "/tags/arn%3Aaws%3Agreengrass%3Aus-east-1%3A000000000000%3AcoreDevices%3Acore-1", "/things/a%2Fb%25c")) {
            Map<String, List<String>> query = new LinkedHashMap<>();
            query.put("maxResults", List.of("5"));
            query.put("nextToken", List.of("a/b=c+d e"));
            query.put("tagKeys", List.of("k2", "k1"));
            SignedRequest request = signWithLegacySigner("GET", path, query, new byte[0], "greengrass");
            VerifiedCaller caller = verifier().verify(request);
            assertThat(caller.service()).isEqualTo("greengrass");
        }
    }

    @Test
    void legacyAws4Signer_withABody_verifies_andATamperedBodyDoesNot() {
        byte[] body = "{\"entries\":[{\"thingName\":\"sensor:1\"}]}".getBytes(StandardCharsets.UTF_8);
        SignedRequest request = signWithLegacySigner("POST", "/greengrass/v2/coreDevices/c%3A1/associateClientDevices",
                Map.of(), body, "greengrass");
        assertThat(verifier().verify(request).accessKeyId()).isEqualTo(KEY);

        byte[] tampered = "{\"entries\":[{\"thingName\":\"sensor:2\"}]}".getBytes(StandardCharsets.UTF_8);
        SignedRequest altered = new SignedRequest(request.method(), request.rawPath(), request.rawQuery(),
                request.headers(), tampered);
        assertThatThrownBy(() -> verifier().verify(altered)).isInstanceOfSatisfying(AwsException.class,
                e -> assertThat(e.error()).isEqualTo(AwsError.InvalidSignatureException));
    }

    @Test
    void greengrassClient_signsLabelsWithColonsAndSpaces_andQueries_asTheServerVerifies() {
        try (TestServer server = TestServer.start(); GreengrassV2Client greengrass = server.greengrass()) {
            assertThatThrownBy(() -> greengrass.listClientDevicesAssociatedWithCoreDevice(r -> r
                    .coreDeviceThingName("core:1 x").maxResults(5)))
                    .isInstanceOfSatisfying(ResourceNotFoundException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(404);
                        assertThat(e.resourceId()).isEqualTo("core:1 x");
                    });
            assertThatThrownBy(() -> greengrass.listClientDevicesAssociatedWithCoreDevice(r -> r
                    .coreDeviceThingName("core:1 x").maxResults(5).nextToken("a/b=c+d")))
                    .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.fields())
                            .singleElement().satisfies(f -> assertThat(f.name()).isEqualTo("nextToken")));
            try (GreengrassV2Client wrong = GreengrassV2Client.builder()
                    .endpointOverride(server.endpoint()).region(Region.US_EAST_1)
                    .credentialsProvider(() -> AwsBasicCredentials.create(TestServer.ACCESS_KEY_ID, "wrong-secret-0000"))
                    .httpClient(software.amazon.awssdk.http.apache.ApacheHttpClient.create()).build()) {
                assertThatThrownBy(() -> wrong.listCoreDevices(r -> { }))
                        .isInstanceOfSatisfying(GreengrassV2Exception.class, e -> {
                            assertThat(e.statusCode()).isEqualTo(403);
                            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidSignatureException");
                        });
            }
        }
    }

    private static SigV4Verifier verifier() {
        return new SigV4Verifier(id -> Optional.of(SECRET).filter(s -> id.equals(KEY)), "us-east-1",
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @SuppressWarnings("deprecation")
    private static SignedRequest signWithLegacySigner(String method, String rawPath, Map<String, List<String>> query,
                                                      byte[] body, String service) {
        SdkHttpFullRequest unsigned = SdkHttpFullRequest.builder()
                .method(SdkHttpMethod.fromValue(method))
                .uri(URI.create("http://127.0.0.1:8080"))
                .encodedPath(rawPath)
                .rawQueryParameters(query)
                .putHeader("Content-Type", "application/json")
                .contentStreamProvider(() -> new ByteArrayInputStream(body))
                .build();
        SdkHttpFullRequest signed = Aws4Signer.create().sign(unsigned, Aws4SignerParams.builder()
                .awsCredentials(AwsBasicCredentials.create(KEY, SECRET))
                .signingName(service)
                .signingRegion(Region.US_EAST_1)
                .signingClockOverride(Clock.fixed(NOW, ZoneOffset.UTC))
                .doubleUrlEncode(true)
                .build());
        Map<String, List<String>> headers = new LinkedHashMap<>();
        signed.headers().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), new ArrayList<>(v)));
        headers.putIfAbsent("host", List.of("127.0.0.1:8080"));
        String rawQuery = signed.encodedQueryParameters().orElse(null);
        return new SignedRequest(method, signed.encodedPath(), rawQuery, headers, body);
    }
}
