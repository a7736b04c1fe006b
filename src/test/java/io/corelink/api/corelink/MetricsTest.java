package io.corelink.api.corelink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
            PrometheusText metrics = PrometheusText.parse(scraped.body());
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
            // The scrape itself is counted once it is answered: the second scrape sees the first.
            PrometheusText again = PrometheusText.parse(scrape(server.raw()).body());
            assertThat(again.value("corelink_requests_total", "plane", "control", "service", "greengrass",
                    "operation", "GetMetrics", "status", "200")).isEqualTo(1.0);
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

            PrometheusText metrics = PrometheusText.parse(scrape(raw).body());
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

    private static RawClient.RawResponse scrape(RawClient client) {
        return client.request("GET", "/_corelink/metrics").service("greengrass").send();
    }
}
