package io.corelink.wire.http;

import io.corelink.wire.error.ServiceFamily;
import java.util.function.Function;

/**
 * A method and URI template bound to an operation of one service family, and the permission a call of it needs
 * (found from the labels, query and body before the body is validated: authorization comes first).
 */
public record Route(String method, PathTemplate template, ServiceFamily family, String operationName,
                    Operation operation, Function<ApiRequest, Permission> permission) {

    /** The signing name of Corelink's own endpoints (operations.md), accepted beside their family's. */
    public static final String CORELINK_SIGNING_NAME = "corelink";

    /**
     * Whether a SigV4 credential scope naming {@code service} may call this route: its family's signing names, and
     * for Corelink's own endpoints ({@code /corelink/…}, {@code /_corelink/…}) also {@code corelink}.
     */
    public boolean acceptsSigningName(String service) {
        return family.acceptsSigningName(service) || CORELINK_SIGNING_NAME.equals(service) && isCorelinks();
    }

    /** Whether this is one of Corelink's own endpoints ({@code /corelink/…}, {@code /_corelink/…}), not AWS's. */
    public boolean isCorelinks() {
        return template.toString().startsWith("/corelink/") || template.toString().startsWith("/_corelink/");
    }

    /** A route whose permission is {@code corelink:<operationName>} on {@code *} (test routes, internal ones). */
    public Route(String method, PathTemplate template, ServiceFamily family, String operationName,
                 Operation operation) {
        this(method, template, family, operationName, operation,
                request -> new Permission("corelink:" + operationName, "*"));
    }
}
