package io.corelink.api.corelink;

import io.corelink.wire.http.ApiRequest;
import io.corelink.wire.http.ApiResponse;
import io.corelink.wire.http.Operation;
import io.corelink.wire.http.ResponseWriter;
import java.util.function.Supplier;

/**
 * {@code GET /_corelink/metrics} (operations.md §6): the node's meters in Prometheus' text exposition format
 * (0.0.4), for the administrator or a {@code corelink:GetMetrics} policy. The text is made when asked for.
 */
public final class MetricsHandler implements Operation {
    /** Prometheus' text exposition format, as its scrapers ask for it. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    private final Supplier<String> scrape;

    /** @param scrape the meters, written in the text format */
    public MetricsHandler(Supplier<String> scrape) {
        this.scrape = scrape;
    }

    @Override
    public ApiResponse handle(ApiRequest request) {
        String text = scrape.get();
        return ApiResponse.ok(new ResponseWriter.StreamBody(CONTENT_TYPE, sink -> sink.send(text)));
    }
}
