package io.corelink.api.corelink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.corelink.testing.Eventually;
import io.corelink.testing.PrometheusText;
import io.corelink.testing.RawClient;
import io.corelink.testing.IamUsers;
import io.corelink.testing.TestServer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.iot.IotClient;
import software.amazon.awssdk.services.iot.model.ResourceNotFoundException;

/** {@code GET /_corelink/metrics} scraped and read by Prometheus' text-format rules after known calls. */
class MetricsTest {

    @Test
    void aKnownSequenceOfCalls_isCountedExactly_inPrometheusTextFormat() {
        try (TestServer server = TestServer.start(); IotClient iot = server.iot()) {
            for (int i = 0; i < 3; i++) {
                iot.createThing(r -> r.thingName("metered-" + System.nanoTime()));
            }
            assertThatThrownBy(() -> iot.describeThing(r -> r.thingName("nope")))
                    .isInstanceOf(ResourceNotFoundException.class);
            iot.listThings(r -> { });

            RawClient.RawResponse scraped = scrape(server.raw());

            assertThat(scraped.status()).isEqualTo(200);
            assertThat(scraped.header("content-type")).startsWith("text/plain; version=0.0.4");
            PrometheusText metrics = scrapeWhen(server, 1.0, "corelink_requests_total", "plane", "control", "service",
                    "iot", "operation", "ListThings", "status", "200");
            assertThat(metrics.type("corelink_requests_total")).isEqualTo("counter");
            assertThat(metrics.value("corelink_requests_total", "plane", "control", "service", "iot",
                    "operation", "CreateThing", "status", "200")).isEqualTo(3.0);
            assertThat(metrics.value("corelink_requests_total", "plane", "control", "service", "iot",
                    "operation", "DescribeThing", "status", "404")).isEqualTo(1.0);
            assertThat(metrics.value("corelink_requests_total", "plane", "control", "service", "iot",
                    "operation", "ListThings", "status", "200")).isEqualTo(1.0);
            assertThat(metrics.type("corelink_request_duration_seconds")).isEqualTo("histogram");
            assertThat(metrics.value("corelink_request_duration_seconds_count", "plane", "control", "service", "iot",
                    "operation", "CreateThing")).isEqualTo(3.0);
            assertThat(metrics.value("corelink_request_duration_seconds_bucket", "plane", "control", "service",
                    "iot", "operation", "CreateThing", "le", "+Inf")).isEqualTo(3.0);
            assertThat(metrics.value("corelink_request_duration_seconds_bucket", "plane", "control", "service",
                    "iot", "operation", "CreateThing", "le", "10.0")).isEqualTo(3.0);
            assertThat(metrics.series()).anyMatch(s -> s.startsWith("jvm_memory_used_bytes{"))
                    .anyMatch(s -> s.startsWith("jvm_threads_live_threads"))
                    .anyMatch(s -> s.startsWith("process_uptime_seconds"));
            // The scrape itself is counted once it is answered: a later scrape sees the earlier ones.
            PrometheusText again = scrapeWhen(server, 1.0, "corelink_requests_total", "plane", "control", "service",
                    "greengrass", "operation", "GetMetrics", "status", "200");
            assertThat(again.value("corelink_requests_total", "plane", "control", "service", "greengrass",
                    "operation", "GetMetrics", "status", "200")).isGreaterThanOrEqualTo(1.0);
        }
    }

    @Test
    void throttledCalls_areCountedByAction() {
        try (TestServer server = TestServer.start(java.time.Clock.systemUTC(), config -> config.withRateLimits(
                java.util.List.of(io.corelink.wire.pipeline.RateLimit.parse("iot:DescribeThing=0.01/2"))))) {
            RawClient raw = server.raw();
            int[] statuses = new int[4];
            for (int i = 0; i < statuses.length; i++) {
                statuses[i] = raw.request("GET", "/things/none").send().status();
            }
            assertThat(statuses).containsExactly(404, 404, 400, 400);

            PrometheusText metrics = scrapeWhen(server, 2.0, "corelink_requests_total", "plane", "control",
                    "service", "iot", "operation", "DescribeThing", "status", "400");
            assertThat(metrics.value("corelink_throttled_total", "action", "iot:DescribeThing")).isEqualTo(2.0);
            assertThat(metrics.value("corelink_requests_total", "plane", "control", "service", "iot",
                    "operation", "DescribeThing", "status", "400")).isEqualTo(2.0);
        }
    }

    @Test
    void theMetrics_needCorelinkGetMetrics() {
        try (TestServer server = TestServer.start(); IamClient admin = server.iam()) {
            AccessKey allowed = IamUsers.allowedTo(admin, "prometheus", "corelink:GetMetrics");
            AccessKey other = IamUsers.allowedTo(admin, "lister", "iot:ListThings");

            assertThat(scrape(server.raw(allowed.accessKeyId(), allowed.secretAccessKey())).status()).isEqualTo(200);
            RawClient.RawResponse refused = scrape(server.raw(other.accessKeyId(), other.secretAccessKey()));
            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.body()).contains("corelink:GetMetrics").doesNotContain("corelink_requests_total");
            assertThat(server.raw().request("GET", "/_corelink/metrics").unsigned().send().status())
                    .isEqualTo(403);
        }
    }

    @Test
    void handshakes_transactions_pools_andPendingEvents_areMetered() throws Exception {
        try (io.corelink.testing.WebhookReceiver refusing = new io.corelink.testing.WebhookReceiver(
                Integer.MAX_VALUE, 0);
             TestServer server = TestServer.start(java.time.Clock.systemUTC(), c -> c.withRecording(
                     new io.corelink.app.ServerConfig.Recording(90, 7, java.util.List.of(
                             java.net.URI.create(refusing.url())))));
             IotClient iot = server.iot()) {
            PrometheusText before = PrometheusText.parse(scrape(server.raw()).body());
            double writes = before.value("corelink_store_transaction_duration_seconds_count", "kind", "write");
            io.corelink.testing.TestDevice device = io.corelink.testing.TestDevice.register(iot, server, "metered-dev");
            software.amazon.awssdk.services.iot.model.CreateKeysAndCertificateResponse inactive =
                    iot.createKeysAndCertificate(r -> r.setAsActive(false));
            String rootCa = java.nio.file.Files.readString(server.rootCaFile());

            device.client().send("GET", "/greengrass/discover/thing/metered-dev", null);
            assertThatThrownBy(() -> new io.corelink.testing.MtlsClient(inactive.certificatePem(),
                    inactive.keyPair().privateKey(), rootCa, server.dataPlanePort())
                    .send("GET", "/greengrass/discover/thing/metered-dev", null))
                    .isInstanceOf(java.io.IOException.class);

            PrometheusText after = awaitPending(server);
            assertThat(after.type("corelink_tls_handshakes_total")).isEqualTo("counter");
            assertThat(after.value("corelink_tls_handshakes_total", "result", "success")).isEqualTo(1.0);
            assertThat(after.value("corelink_tls_handshakes_total", "result", "failure")).isEqualTo(1.0);
            assertThat(after.type("corelink_store_transaction_duration_seconds")).isEqualTo("histogram");
            // CreateThing, CreateKeysAndCertificate, AttachThingPrincipal, AttachPolicy, CreateKeysAndCertificate.
            assertThat(after.value("corelink_store_transaction_duration_seconds_count", "kind", "write") - writes)
                    .isGreaterThanOrEqualTo(5.0);
            assertThat(after.value("corelink_store_transaction_duration_seconds_count", "kind", "read"))
                    .isGreaterThan(0.0);
            assertThat(after.series()).anyMatch(series -> series.startsWith("hikaricp_connections_active{"))
                    .anyMatch(series -> series.startsWith("hikaricp_connections_max{"));
            assertThat(after.type("corelink_events_pending")).isEqualTo("gauge");
            // Registry events at least for the thing and the two certificates, none of them delivered.
            assertThat(after.value("corelink_events_pending")).as("the webhook refuses every batch")
                    .isGreaterThanOrEqualTo(3.0);
        }
    }

    /**
     * A scrape once the refusing webhook's backlog shows (the head is read every 50 ms) and the refused handshake is
     * counted (the server may see the failure after the client has).
     */
    private static PrometheusText awaitPending(TestServer server) {
        return Eventually.until(() -> PrometheusText.parse(scrape(server.raw()).body()), scraped -> {
            Double pending = scraped.value("corelink_events_pending");
            Double failed = scraped.value("corelink_tls_handshakes_total", "result", "failure");
            return pending != null && pending >= 3.0 && failed != null && failed >= 1.0;
        });
    }

    @Test
    void onTheMetricsPort_theMetricsNeedNoSignature_andNothingElseIsServed() throws Exception {
        try (TestServer server = TestServer.start(java.time.Clock.systemUTC(), c -> c.withListeners(
                io.corelink.app.ServerConfig.Listeners.DEFAULTS.withMetricsPort(0)));
             IotClient iot = server.iot()) {
            iot.createThing(r -> r.thingName("scraped-openly"));
            int port = server.server().metricsPort();
            assertThat(server.printed()).contains("corelink: metrics listening on http://127.0.0.1:" + port
                    + "/_corelink/metrics\n");
            java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();

            // The CreateThing is counted just after its answer was sent.
            java.net.http.HttpResponse<String> scraped = Eventually.until(() -> get(http, "http://127.0.0.1:" + port
                    + "/_corelink/metrics"), answer -> PrometheusText.parse(answer.body()).value(
                    "corelink_requests_total", "plane", "control", "service", "iot", "operation", "CreateThing",
                    "status", "200") != null);
            assertThat(scraped.statusCode()).isEqualTo(200);
            assertThat(scraped.headers().firstValue("content-type")).hasValue(MetricsHandler.CONTENT_TYPE);
            assertThat(PrometheusText.parse(scraped.body()).value("corelink_requests_total", "plane", "control",
                    "service", "iot", "operation", "CreateThing", "status", "200")).isEqualTo(1.0);

            java.net.http.HttpResponse<String> other = http.send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create("http://127.0.0.1:" + port + "/things")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(other.statusCode()).isEqualTo(404);
            assertThat(other.body()).doesNotContain("corelink_");
            // The control plane still asks for a signature.
            assertThat(server.raw().request("GET", "/_corelink/metrics").unsigned().send().status())
                    .isEqualTo(403);
        }
    }

    @Test
    void recordingNothing_leavesOnlyTheJvmsMeters() {
        try (TestServer server = TestServer.start(java.time.Clock.systemUTC(), c -> c.withRecording(
                io.corelink.app.ServerConfig.Recording.NOTHING)); IotClient iot = server.iot()) {
            iot.createThing(r -> r.thingName("unmetered"));

            PrometheusText metrics = PrometheusText.parse(scrape(server.raw()).body());

            assertThat(metrics.series()).noneMatch(series -> series.startsWith("corelink_"))
                    .anyMatch(series -> series.startsWith("jvm_memory_used_bytes{"));
        }
    }

    /**
     * A scrape once {@code name{labels}} has reached {@code expected}, or after 5 s: a call is counted in the
     * pipeline's last stage, which may still be running when its answer has reached the client.
     */
    private static PrometheusText scrapeWhen(TestServer server, double expected, String name, String... labels) {
        return Eventually.until(() -> PrometheusText.parse(scrape(server.raw()).body()), scraped -> {
            Double value = scraped.value(name, labels);
            return value != null && value >= expected;
        });
    }

    private static java.net.http.HttpResponse<String> get(java.net.http.HttpClient http, String url) {
        try {
            return http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static RawClient.RawResponse scrape(RawClient client) {
        return client.request("GET", "/_corelink/metrics").service("greengrass").send();
    }
}
