package io.corelink.api.health;

import io.corelink.wire.http.ApiRequest;
import io.corelink.wire.http.ApiResponse;
import io.corelink.wire.http.Operation;
import io.corelink.wire.json.Json;
import java.util.Optional;
import java.util.function.Supplier;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code GET /_corelink/health} (liveness) and {@code GET /_corelink/ready} (readiness), unauthenticated, also for
 * {@code HEAD}: 200 {@code {"status":"ok"}} when nothing is wrong; 503 {@code {"status":"unavailable","reason":…}}
 * with the first problem found otherwise (listeners not accepting, the store not answering, writes failing). The
 * check itself is bounded in time by whoever supplies it.
 */
public final class HealthHandler implements Operation {
    private final Supplier<Optional<String>> problem;

    /** @param problem the reason the service is not healthy now, or empty */
    public HealthHandler(Supplier<Optional<String>> problem) {
        this.problem = problem;
    }

    @Override
    public ApiResponse handle(ApiRequest request) {
        Optional<String> reason = problem.get();
        ObjectNode body = Json.object();
        if (reason.isEmpty()) {
            body.put("status", "ok");
            return ApiResponse.ok(body);
        }
        body.put("status", "unavailable");
        body.put("reason", reason.get());
        return ApiResponse.refused(503, body, reason.get());
    }
}
