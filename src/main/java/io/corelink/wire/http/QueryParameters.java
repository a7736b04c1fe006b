package io.corelink.wire.http;

import org.jspecify.annotations.Nullable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The decoded pairs of a raw query string, in order, repeated keys kept (restJson1 sends a list as
 * {@code k=a&k=b}); a key without {@code =} has the empty value.
 */
public final class QueryParameters {
    public static final QueryParameters EMPTY = new QueryParameters(List.of());
    private final List<Map.Entry<String, String>> pairs;

    private QueryParameters(List<Map.Entry<String, String>> pairs) {
        this.pairs = List.copyOf(pairs);
    }

    /** @throws IllegalArgumentException when a pair is not validly percent-encoded */
    public static QueryParameters parse(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return EMPTY;
        }
        List<Map.Entry<String, String>> pairs = new ArrayList<>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            pairs.add(Map.entry(PercentCodec.decode(key), PercentCodec.decode(value)));
        }
        return new QueryParameters(pairs);
    }

    /** The first value of {@code key}, or null. */
    public @Nullable String first(String key) {
        for (Map.Entry<String, String> pair : pairs) {
            if (pair.getKey().equals(key)) {
                return pair.getValue();
            }
        }
        return null;
    }

    public List<String> all(String key) {
        return pairs.stream().filter(p -> p.getKey().equals(key)).map(Map.Entry::getValue).toList();
    }

    public List<Map.Entry<String, String>> pairs() {
        return pairs;
    }

    @Override
    public String toString() {
        Map<String, String> shown = new LinkedHashMap<>();
        pairs.forEach(p -> shown.put(p.getKey(), p.getValue()));
        return shown.toString();
    }
}
