package io.corelink.wire.http;

import org.jspecify.annotations.Nullable;
import java.util.List;
import java.util.Map;

/**
 * One control-plane request as an operation sees it: the route's labels (percent-decoded once), the decoded query,
 * the headers (names lower-cased) and the body bytes.
 */
public record ApiRequest(
        String requestId,
        String method,
        String rawPath,
        String rawQuery,
        Map<String, List<String>> headers,
        byte[] body,
        Map<String, String> labels,
        QueryParameters query) {

    /** The first value of a header, by lower-case name, or null. */
    public @Nullable String header(String lowerCaseName) {
        List<String> values = headers.get(lowerCaseName);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** A label of the matched route; every label of its template is there. */
    public String label(String name) {
        return java.util.Objects.requireNonNull(labels.get(name), name);
    }

    ApiRequest withRoute(Map<String, String> routeLabels, QueryParameters routeQuery) {
        return new ApiRequest(requestId, method, rawPath, rawQuery, headers, body, routeLabels, routeQuery);
    }
}
