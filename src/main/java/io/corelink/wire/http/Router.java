package io.corelink.wire.http;

import org.jspecify.annotations.Nullable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Finds the route of a request by method and the percent-decoded segments of its raw path (each decoded once, so
 * {@code my%3Athing} is the label {@code my:thing} and {@code %2F} stays inside one label).
 */
public final class Router {
    private final List<Route> routes;

    public Router(List<Route> routes) {
        this.routes = List.copyOf(routes);
    }

    /** A route with the labels it bound. */
    public record Match(Route route, Map<String, String> labels) {
    }

    /** The match for method + raw path, or null when no route has both. */
    public @Nullable Match find(String method, String rawPath) {
        List<String> segments = decodedSegments(rawPath);
        if (segments == null) {
            return null;
        }
        for (Route route : routes) {
            if (!route.method().equals(method)) {
                continue;
            }
            Map<String, String> labels = route.template().match(segments);
            if (labels != null) {
                return new Match(route, labels);
            }
        }
        return null;
    }

    /** Some route whose template matches the path, whatever its method; for choosing an error vocabulary. */
    public @Nullable Route anyForPath(String rawPath) {
        List<String> segments = decodedSegments(rawPath);
        if (segments == null) {
            return null;
        }
        for (Route route : routes) {
            if (route.template().match(segments) != null) {
                return route;
            }
        }
        return null;
    }

    private static @Nullable List<String> decodedSegments(String rawPath) {
        List<String> segments = new ArrayList<>();
        try {
            for (String raw : PathTemplate.split(rawPath)) {
                segments.add(PercentCodec.decode(raw));
            }
        } catch (IllegalArgumentException e) {
            return null;
        }
        return segments;
    }
}
