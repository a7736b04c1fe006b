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
    void aNewWebhook_isSentTheChangesOfInit_andEveryOneAfter() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver(0, 0);
             TestServer server = TestServer.start(Clock.systemUTC(), config -> config.withRecording(
                     new ServerConfig.Recording(90, 7, List.of(java.net.URI.create(receiver.url())))),
                     started -> assertThat(io.corelink.testing.RawClient.forTest(started.controlPlaneUri(),
                             TestServer.ACCESS_KEY_ID, TestServer.SECRET, TestServer.REGION)
                             .request("POST", "/things/hook-init").body("{}").send().status()).isEqualTo(200));
             IotClient iot = server.iot()) {
            iot.createThing(r -> r.thingName("hook-after"));
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (receiver.distinctEvents().size() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(receiver.distinctEvents()).extracting(e -> e.get("thingName").asString())
                    .containsExactly("hook-init", "hook-after");
        }
    }

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
            // The key is the file's bytes as they are: a receiver needs no stripping nor decoding.
            byte[] secret = Files.readAllBytes(server.databaseFile().resolveSibling("webhook-secret"));
            assertThat(new String(secret, StandardCharsets.UTF_8)).matches("[A-Za-z0-9+/]{43}=");
            assertThat(Files.getPosixFilePermissions(server.databaseFile().resolveSibling("webhook-secret")))
                    .hasSize(2);
            for (int i = 0; i < receiver.received.size(); i++) {
                assertThat(receiver.signatures.get(i))
                        .isEqualTo("sha256=" + WebhookDelivery.signature(secret, receiver.received.get(i)));
            }
        }
    }
}
