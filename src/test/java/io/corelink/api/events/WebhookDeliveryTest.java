package io.corelink.api.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.corelink.app.ServerConfig;
import io.corelink.testing.TestServer;
import io.corelink.testing.WebhookReceiver;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iot.IotClient;

/**
 * {@code --event-webhook} against a real HTTP receiver (a Jetty server in the test) that fails its first deliveries:
 * every event arrives, in commit order, at least once, signed with the deployment's webhook secret.
 */
class WebhookDeliveryTest {

    @Test
    void everyEventArrives_inOrder_signed_despiteFailedDeliveries() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver(3, 0);
             TestServer server = TestServer.start(Clock.systemUTC(), config -> config.withRecording(
                     new ServerConfig.Recording(90, 7, List.of(java.net.URI.create(receiver.url())))));
             IotClient iot = server.iot()) {
            List<String> names = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                String name = "hook-" + i;
                names.add(name);
                iot.createThing(r -> r.thingName(name));
            }
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (receiver.distinctEvents().size() < names.size() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(receiver.refused.get()).isEqualTo(3);
            assertThat(receiver.distinctEvents()).extracting(e -> e.get("thingName").asString())
                    .containsExactlyElementsOf(names);
            byte[] secret = Files.readString(server.databaseFile().resolveSibling("webhook-secret")).strip()
                    .getBytes(StandardCharsets.UTF_8);
            assertThat(Files.getPosixFilePermissions(server.databaseFile().resolveSibling("webhook-secret")))
                    .hasSize(2);
            for (int i = 0; i < receiver.received.size(); i++) {
                assertThat(receiver.signatures.get(i))
                        .isEqualTo("sha256=" + WebhookDelivery.signature(secret, receiver.received.get(i)));
            }
        }
    }
}
