package io.corelink.wire.pipeline;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.corelink.wire.http.Permission;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The metrics stage of both planes (operations.md §6), recording each finished call:
 * {@code corelink_requests_total{plane,service,operation,status}},
 * {@code corelink_request_duration_seconds{plane,service,operation}} (a histogram with Prometheus' default
 * buckets), {@code corelink_discover_total{outcome="found|not_found|forbidden"}} and
 * {@code corelink_throttled_total{action}} (calls a {@code --rate-limit} refused). Labels take only Corelink's own
 * values (route names, status codes, IAM actions), so that no client can grow the number of series: a call that
 * matched no route is {@code operation="-"}.
 *
 * <p>The meters of a label set are looked up once and kept: a registry lookup per call would cost more than the
 * increment.
 */
public final class RequestMetrics implements Stage {
    private static final Duration[] BUCKETS = {Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofMillis(10),
        Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
        Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5),
        Duration.ofSeconds(10)};

    private final MeterRegistry registry;
    private final ConcurrentHashMap<RequestKey, Counter> requests = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<DurationKey, Timer> durations = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Counter> discovers = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Counter> throttles = new ConcurrentHashMap<>();

    public RequestMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    private record RequestKey(String plane, String service, String operation, String status) {
    }

    private record DurationKey(String plane, String service, String operation) {
    }

    @Override
    public void record(Call call) {
        String service = call.family().name().toLowerCase(Locale.ROOT);
        String status = call.status() == Call.CLOSED ? "closed" : Integer.toString(call.status());
        requests.computeIfAbsent(new RequestKey(call.plane(), service, call.operation(), status),
                key -> Counter.builder("corelink.requests").description("Requests answered, by outcome")
                        .tags("plane", key.plane(), "service", key.service(), "operation", key.operation(),
                                "status", key.status())
                        .register(registry)).increment();
        durations.computeIfAbsent(new DurationKey(call.plane(), service, call.operation()),
                key -> Timer.builder("corelink.request.duration").description("Time to answer a request")
                        .tags("plane", key.plane(), "service", key.service(), "operation", key.operation())
                        .serviceLevelObjectives(BUCKETS)
                        .register(registry))
                .record(System.nanoTime() - call.startedNanos(), TimeUnit.NANOSECONDS);
        if ("Discover".equals(call.operation())) {
            String outcome = switch (call.status()) {
                case 200 -> "found";
                case 404 -> "not_found";
                case 403 -> "forbidden";
                default -> null;
            };
            if (outcome != null) {
                discovers.computeIfAbsent(outcome, key -> Counter.builder("corelink.discover")
                        .description("Discover answers, by outcome").tag("outcome", key).register(registry))
                        .increment();
            }
        }
        Permission permission = call.permission();
        if (call.throttled() && permission != null) {
            throttles.computeIfAbsent(permission.action(), key -> Counter.builder("corelink.throttled")
                    .description("Calls refused by a rate limit").tag("action", key).register(registry))
                    .increment();
        }
    }
}
