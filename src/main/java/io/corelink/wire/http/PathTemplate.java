package io.corelink.wire.http;

import org.jspecify.annotations.Nullable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A restJson1 URI template such as {@code /things/{thingName}/principals}: literal segments and whole-segment labels.
 * It matches the percent-decoded segments of a request path.
 */
public final class PathTemplate {
    private final String text;
    private final String[] segments;

    private PathTemplate(String text) {
        this.text = text;
        this.segments = split(text);
    }

    public static PathTemplate of(String template) {
        return new PathTemplate(template);
    }

    /** The segments of a path without its leading slash; {@code "/"} has none. */
    public static String[] split(String path) {
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        return trimmed.isEmpty() ? new String[0] : trimmed.split("/", -1);
    }

    /** The labels bound by {@code decodedSegments}, or null when the path does not match. */
    public @Nullable Map<String, String> match(List<String> decodedSegments) {
        if (decodedSegments.size() != segments.length) {
            return null;
        }
        Map<String, String> labels = new HashMap<>();
        for (int i = 0; i < segments.length; i++) {
            String segment = segments[i];
            String actual = decodedSegments.get(i);
            if (segment.startsWith("{")) {
                labels.put(segment.substring(1, segment.length() - 1), actual);
            } else if (!segment.equals(actual)) {
                return null;
            }
        }
        return labels;
    }

    @Override
    public String toString() {
        return text;
    }
}
