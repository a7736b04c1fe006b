package io.corelink.api.health;

import io.corelink.store.Store;
import io.corelink.wire.http.ApiRequest;
import io.corelink.wire.http.ApiResponse;
import io.corelink.wire.http.Operation;
import io.corelink.wire.json.Json;
import java.util.function.BooleanSupplier;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code GET /_corelink/health}, unauthenticated: 200 {@code {"status":"ok"}} once the store answers and every
 * listener accepts; 503 {@code {"status":"unavailable","reason":…}} otherwise (also while shutting down).
 */
public final class HealthHandler implements Operation {
    private final Store store;
    private final BooleanSupplier listenersReady;

    public HealthHandler(Store store, BooleanSupplier listenersReady) {
        this.store = store;
        this.listenersReady = listenersReady;
    }

    @Override
    public ApiResponse handle(ApiRequest request) {
        if (!listenersReady.getAsBoolean()) {
            return unavailable("listeners are not accepting connections");
        }
        if (!store.isHealthy()) {
            return unavailable("the store does not answer");
        }
        ObjectNode body = Json.object();
        body.put("status", "ok");
        return ApiResponse.ok(body);
    }

    private static ApiResponse unavailable(String reason) {
        ObjectNode body = Json.object();
        body.put("status", "unavailable");
        body.put("reason", reason);
        return new ApiResponse(503, body);
    }
}
