package io.corelink.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.corelink.testing.WebhookReceiver;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iot.IotClient;

/**
 * {@code corelink serve --event-webhook} killed with SIGKILL while a delivery is in flight: after a restart on the same
 * data directory every acknowledged change reaches the receiver, in commit order, at least once.
 */
class WebhookCrashIT {
    private static final String KEY = "AKIAWEBHOOKCRASH0001";
    private static final String SECRET = "webhook-crash-secret-000000000000000000000";

    @TempDir
    Path tmp;

    private static IotClient iot(URI endpoint) {
        return IotClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(() -> AwsBasicCredentials.create(KEY, SECRET))
                .httpClient(ApacheHttpClient.create()).build();
    }

    @Test
    void killedMidDelivery_losesNoEvent_andKeepsTheOrder() throws Exception {
        Path dataDir = tmp.resolve("data");
        List<String> created = new ArrayList<>();
        try (WebhookReceiver receiver = new WebhookReceiver(0, 3_000)) {
            String[] args = {"serve", "--data-dir", dataDir.toString(), "--port", "0", "--data-plane-port", "0",
                "--event-webhook", receiver.url()};
            Map<String, String> env = Map.of("CORELINK_ACCESS_KEY_ID", KEY, "CORELINK_SECRET_ACCESS_KEY", SECRET);
            try (ServeProcess serve = ServeProcess.run(env, args)) {
                URI endpoint = URI.create("http://127.0.0.1:" + serve.awaitListening(Duration.ofSeconds(60)));
                try (IotClient iot = iot(endpoint)) {
                    for (int i = 0; i < 40; i++) {
                        String name = String.format("crash-hook-%02d", i);
                        iot.createThing(r -> r.thingName(name));
                        created.add(name);
                    }
                }
                long deadline = System.nanoTime() + 30_000_000_000L;
                while (receiver.arrivals.get() == 0 && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                assertThat(receiver.arrivals.get()).as("a delivery is in flight").isEqualTo(1);
                serve.kill(); // SIGKILL, while the receiver still holds the first delivery
            }
            try (ServeProcess serve = ServeProcess.run(env, args)) {
                serve.awaitListening(Duration.ofSeconds(60));
                long deadline = System.nanoTime() + 60_000_000_000L;
                while (receiver.distinctEvents().size() < created.size() && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
            }
            assertThat(receiver.distinctEvents()).extracting(e -> e.get("thingName").asString())
                    .containsExactlyElementsOf(created);
            assertThat(receiver.eventsReceived()).as("the batch in flight was sent again")
                    .isGreaterThan(created.size());
        }
    }
}
