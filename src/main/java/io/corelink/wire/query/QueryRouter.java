package io.corelink.wire.query;

import io.corelink.wire.error.ServiceFamily;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The actions of the query services (IAM, STS) by family and {@code Action}. */
public final class QueryRouter {
    private final Map<ServiceFamily, Map<String, QueryRoute>> routes = new HashMap<>();

    public QueryRouter(List<QueryRoute> all) {
        for (QueryRoute route : all) {
            if (routes.computeIfAbsent(route.family(), f -> new HashMap<>()).put(route.action(), route) != null) {
                throw new IllegalArgumentException("two routes for " + route.family() + " " + route.action());
            }
        }
    }

    public @Nullable QueryRoute find(ServiceFamily family, String action) {
        return routes.getOrDefault(family, Map.of()).get(action);
    }

    /** The request of a routed call, its parameters parsed once. */
    public static QueryRequest request(String requestId, ServiceFamily family, String callerKeyId,
                                       @Nullable String rawQuery, byte[] body) {
        return new QueryRequest(requestId, family, callerKeyId, QueryRequest.parse(family, rawQuery, body));
    }
}
