package io.corelink.wire.http;

/**
 * A successful answer: its status and the object written as the JSON body ({@code null} for no body, as for 204;
 * a {@code byte[]} is sent as it is, for bodies serialised once and cached).
 */
public record ApiResponse(int status, Object body) {

    public static ApiResponse ok(Object body) {
        return new ApiResponse(200, body);
    }

    public static ApiResponse noContent() {
        return new ApiResponse(204, null);
    }
}
