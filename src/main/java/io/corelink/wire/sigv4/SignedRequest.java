package io.corelink.wire.sigv4;

import org.jspecify.annotations.Nullable;
import java.util.List;
import java.util.Map;

/**
 * What SigV4 covers of a request, exactly as received: the raw (still percent-encoded) path and query, the headers
 * by lower-case name with every value, and the body bytes.
 */
public record SignedRequest(String method, String rawPath, String rawQuery, Map<String, List<String>> headers,
                            byte[] body) {

    @Nullable String firstHeader(String lowerCaseName) {
        List<String> values = headers.get(lowerCaseName);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
