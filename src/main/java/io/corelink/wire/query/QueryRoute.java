package io.corelink.wire.query;

import io.corelink.wire.error.ServiceFamily;
import io.corelink.wire.http.Permission;
import java.util.function.Function;

/**
 * An action of a query service, and the permission a call of it needs, found from its parameters before they are
 * validated (authorization comes first).
 */
public record QueryRoute(ServiceFamily family, String action, Function<QueryRequest, Permission> permission,
                         QueryOperation operation) {
}
