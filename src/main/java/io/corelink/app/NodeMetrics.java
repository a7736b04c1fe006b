package io.corelink.app;

import io.corelink.store.Store;
import io.corelink.store.jdbc.JdbcStore;
import io.corelink.wire.tls.HandshakeMetrics;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * This node's meters (operations.md §6): one Prometheus registry per server, holding the request meters of the
 * pipeline ({@code io.corelink.wire.pipeline.RequestMetrics}), the data plane's TLS handshakes, the store's
 * transactions and connection pools, the change events not yet delivered, and the JVM's (memory, GC, threads,
 * classes, CPU, uptime). One per server rather than Micrometer's global registry, so that two servers in one JVM
 * (tests, benchmarks) count apart. Closing stops the GC listener.
 */
final class NodeMetrics implements AutoCloseable {
    private static final Duration[] TRANSACTION_BUCKETS = {Duration.ofNanos(250_000), Duration.ofMillis(1),
        Duration.ofMillis(2), Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
        Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofSeconds(1),
        Duration.ofSeconds(5)};
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();

    NodeMetrics() {
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    PrometheusMeterRegistry registry() {
        return registry;
    }

    /** Counts the data plane's handshakes; a bean of its listeners' TLS connection factory. */
    HandshakeMetrics handshakes() {
        return new HandshakeMetrics(registry);
    }

    /** Times the store's transactions and publishes its connection pools' meters. */
    void observe(Store store) {
        Timer reads = transactionTimer("read");
        Timer writes = transactionTimer("write");
        store.observeTransactions((kind, nanos) -> ("write".equals(kind) ? writes : reads)
                .record(nanos, TimeUnit.NANOSECONDS));
        if (store instanceof JdbcStore jdbc) {
            jdbc.publishPoolMetrics(registry);
        }
    }

    private Timer transactionTimer(String kind) {
        return Timer.builder("corelink.store.transaction.duration")
                .description("Store transactions, from begin to commit or rollback").tag("kind", kind)
                .serviceLevelObjectives(TRANSACTION_BUCKETS).register(registry);
    }

    /** {@code corelink_events_pending}: change events the slowest webhook has yet to receive (0 without webhooks). */
    void eventsPending(LongSupplier pending) {
        Gauge.builder("corelink.events.pending", () -> (double) pending.getAsLong())
                .description("Change events not yet delivered to every webhook").register(registry);
    }

    /** Every meter in Prometheus' text exposition format. */
    String scrape() {
        return registry.scrape();
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
