package io.corelink.wire.http;

import org.jspecify.annotations.Nullable;
/**
 * An answer that is not an error of the catalogue: its status and the object written as the JSON body ({@code null} for no body, as for 204;
 * a {@code byte[]} is sent as it is, for bodies serialised once and cached).
 */
public record ApiResponse(int status, @Nullable Object body, @Nullable String refusal) {

    /** An answer; {@code refusal} is null unless it is a refusal given as a body of its own (Discover's 403 and 404). */
    public ApiResponse(int status, @Nullable Object body) {
        this(status, body, null);
    }

    /**
     * An answer that refuses or finds nothing in a shape of its own instead of an error of the catalogue (Discover's
     * 403 and 404), with the reason the access log gives for it.
     */
    public static ApiResponse refused(int status, Object body, String reason) {
        return new ApiResponse(status, body, reason);
    }

    public static ApiResponse ok(Object body) {
        return new ApiResponse(200, body);
    }

    public static ApiResponse noContent() {
        return new ApiResponse(204, null);
    }
}
