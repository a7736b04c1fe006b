package io.corelink.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.corelink.testing.MtlsClient;
import io.corelink.testing.RawClient;
import io.corelink.testing.RawClient.RawResponse;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.retry.RetryPolicy;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.greengrassv2.GreengrassV2Client;
import software.amazon.awssdk.services.iot.IotClient;
import software.amazon.awssdk.services.iot.model.CreateKeysAndCertificateResponse;
import software.amazon.awssdk.services.iot.model.ServiceUnavailableException;

/**
 * Found by an outside security test: with the disk full, health said ok, and a core device's read-only data-plane
 * call failed with 500 because of its "last seen" write. The server runs with its files limited in size (ulimit -f),
 * then writes until the store refuses: health and readiness report that writes fail, and a core's first read after
 * that still answers.
 */
class DiskFullIT {
    private static final String KEY = "AKIADISKFULLTEST0001";
    private static final String SECRET = "disk-full-secret-000000000000000000000000";

    @TempDir
    Path tmp;

    @Test
    void aFullDisk_failsWrites_saysSoInHealth_andLeavesReadsAnswering() throws Exception {
        Path dataDir = tmp.resolve("data");
        try (ServeProcess serve = ServeProcess.runWithFileSizeLimit(3_000, Map.of("CORELINK_ACCESS_KEY_ID", KEY,
                "CORELINK_SECRET_ACCESS_KEY", SECRET), "serve", "--data-dir", dataDir.toString(), "--port", "0",
                "--data-plane-port", "0")) {
            URI endpoint = URI.create("http://127.0.0.1:" + serve.awaitListening(Duration.ofSeconds(60)));
            RawClient raw = RawClient.forTest(endpoint, KEY, SECRET, "us-east-1");
            ClientOverrideConfiguration noRetries = ClientOverrideConfiguration.builder()
                    .retryPolicy(RetryPolicy.none()).build();
            try (IotClient iot = IotClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                    .credentialsProvider(() -> AwsBasicCredentials.create(KEY, SECRET))
                    .overrideConfiguration(noRetries).httpClient(ApacheHttpClient.create()).build();
                 GreengrassV2Client greengrass = GreengrassV2Client.builder().endpointOverride(endpoint)
                         .region(Region.US_EAST_1).credentialsProvider(() -> AwsBasicCredentials.create(KEY, SECRET))
                         .overrideConfiguration(noRetries).httpClient(ApacheHttpClient.create()).build()) {
                // A core device set up through the control plane only: its first data-plane call will want to write.
                iot.createThing(r -> r.thingName("full:core"));
                iot.createThing(r -> r.thingName("full-sensor"));
                CreateKeysAndCertificateResponse keys = iot.createKeysAndCertificate(r -> r.setAsActive(true));
                iot.attachThingPrincipal(r -> r.thingName("full:core").principal(keys.certificateArn()));
                io.corelink.testing.DevicePolicies.allowGreengrass(iot, keys.certificateArn());
                greengrass.batchAssociateClientDeviceWithCoreDevice(r -> r.coreDeviceThingName("full:core")
                        .entries(e -> e.thingName("full-sensor")));
                greengrass.updateConnectivityInfo(r -> r.thingName("full:core").connectivityInfo(c -> c.id("lan")
                        .hostAddress("10.0.0.1").portNumber(8883)));
                assertThat(raw.request("GET", "/_corelink/health").unsigned().send().status()).isEqualTo(200);

                String filler = "x".repeat(800);
                boolean refused = false;
                for (int i = 0; i < 500 && !refused; i++) {
                    String name = "filler-" + i;
                    try {
                        iot.createThing(r -> r.thingName(name).attributePayload(p -> p.attributes(Map.of(
                                "a", filler, "b", filler, "c", filler))));
                    } catch (ServiceUnavailableException e) {
                        refused = true;
                        assertThat(e.statusCode()).isEqualTo(503);
                    }
                }
                assertThat(refused).as("the store refused a write once the disk was full").isTrue();
                // Then small writes, until even those no longer fit: as small as a core's "last seen".
                refused = false;
                for (int i = 0; i < 300 && !refused; i++) {
                    String name = "small-" + i;
                    try {
                        iot.createThing(r -> r.thingName(name));
                    } catch (ServiceUnavailableException e) {
                        refused = true;
                    }
                }
                assertThat(refused).as("even a small write is refused").isTrue();

                for (String path : new String[] {"/_corelink/health", "/_corelink/ready"}) {
                    RawResponse health = raw.request("GET", path).unsigned().send();
                    assertThat(health.status()).as(path).isEqualTo(503);
                    assertThat(health.body()).as(path).contains("writes to the store fail");
                }

                MtlsClient core = new MtlsClient(keys.certificatePem(), keys.keyPair().privateKey(),
                        Files.readString(dataDir.resolve("ca/root-ca.pem")), Integer.parseInt(serve.stdout().stream()
                        .filter(l -> l.contains("data plane listening")).findFirst().orElseThrow()
                        .replaceAll(".*:", "")));
                MtlsClient.Answer connectivity = core.send("GET", "/greengrass/things/full:core/connectivityInfo",
                        null);
                assertThat(connectivity.status()).as("a read answers though its last-seen write fails")
                        .isEqualTo(200);
                assertThat(connectivity.body()).contains("10.0.0.1");
                assertThat(iot.describeThing(r -> r.thingName("full-sensor")).thingName()).isEqualTo("full-sensor");
            }
            // Whether the core's "last seen" write still fitted (a small update may reuse what a failed write left)
            // or was refused (then logged at WARN), the read answered, and nothing was an ERROR.
            assertThat(String.join("\n", serve.stdout())).doesNotContain(" ERROR ");
        }
    }
}
