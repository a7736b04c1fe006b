package io.corelink.wire.tls;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.eclipse.jetty.io.ssl.SslHandshakeListener;

/**
 * {@code corelink_tls_handshakes_total{result="success|failure"}} (operations.md §6) for the data plane's listeners:
 * a failure is a device whose certificate is unknown, inactive or untrusted, or a client that gave up, which an
 * operator wants to see rising before devices report it.
 */
public final class HandshakeMetrics implements SslHandshakeListener {
    private final Counter succeeded;
    private final Counter failed;

    public HandshakeMetrics(MeterRegistry registry) {
        this.succeeded = counter(registry, "success");
        this.failed = counter(registry, "failure");
    }

    private static Counter counter(MeterRegistry registry, String result) {
        return Counter.builder("corelink.tls.handshakes").description("TLS handshakes on the data plane, by result")
                .tag("result", result).register(registry);
    }

    @Override
    public void handshakeSucceeded(Event event) {
        succeeded.increment();
    }

    @Override
    public void handshakeFailed(Event event, Throwable failure) {
        failed.increment();
    }
}
