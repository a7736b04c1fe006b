package io.corelink.policy;

import org.jspecify.annotations.Nullable;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * What one request asks for, as a policy sees it: the action ({@code service:Operation}), the resource's ARN and the
 * condition keys that have a value for this request. Keys are looked up case-insensitively, as AWS compares
 * condition key names; a key that is not here has no value (which is not the same as an empty list: for
 * {@code aws:TagKeys} a request without tags has the empty list).
 */
public final class RequestContext {
    private final String action;
    private final String resource;
    private final Map<String, List<String>> keys;
    private final List<String> inapplicablePrefixes;
    private final Map<String, Function<String, @Nullable String>> resolvers;

    private RequestContext(String action, String resource, Map<String, List<String>> keys,
                           List<String> inapplicablePrefixes, Map<String, Function<String, @Nullable String>> resolvers) {
        this.action = Objects.requireNonNull(action, "action");
        this.resource = Objects.requireNonNull(resource, "resource");
        this.keys = keys;
        this.inapplicablePrefixes = inapplicablePrefixes;
        this.resolvers = resolvers;
    }

    public static Builder builder(String action, String resource) {
        return new Builder(action, resource);
    }

    public String action() {
        return action;
    }

    public String resource() {
        return resource;
    }

    /** The values of {@code key}, or null when the request has none. */
    @Nullable List<String> values(String key) {
        String lower = key.toLowerCase(Locale.ROOT);
        List<String> values = keys.get(lower);
        if (values != null || resolvers.isEmpty()) {
            return values;
        }
        for (Map.Entry<String, Function<String, @Nullable String>> resolver : resolvers.entrySet()) {
            if (lower.startsWith(resolver.getKey())) {
                String value = resolver.getValue().apply(key.substring(resolver.getKey().length()));
                return value == null ? null : List.of(value);
            }
        }
        return null;
    }

    /**
     * Whether {@code key} cannot apply to this request at all: a statement that uses it (as a condition key or a
     * policy variable, whatever its operator, {@code IfExists} or default) matches nothing.
     */
    boolean isInapplicable(String key) {
        String lower = key.toLowerCase(Locale.ROOT);
        return inapplicablePrefixes.stream().anyMatch(lower::startsWith);
    }

    /** The single value of {@code key} (its first), or null when the request has none. */
    @Nullable String value(String key) {
        List<String> values = values(key);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** Builds a {@link RequestContext}. */
    public static final class Builder {
        private final String action;
        private final String resource;
        private final Map<String, List<String>> keys = new HashMap<>();
        private final java.util.ArrayList<String> inapplicable = new java.util.ArrayList<>();
        private final Map<String, Function<String, @Nullable String>> resolvers = new HashMap<>();

        private Builder(String action, String resource) {
            this.action = action;
            this.resource = resource;
        }

        /** Sets a single-valued key; a null value leaves the key without a value. */
        public Builder with(String key, @Nullable String value) {
            if (value != null) {
                keys.put(key.toLowerCase(Locale.ROOT), List.of(value));
            }
            return this;
        }

        /** Sets a multivalued key such as {@code aws:TagKeys} (an empty list is a value: the empty set). */
        public Builder withAll(String key, List<String> values) {
            keys.put(key.toLowerCase(Locale.ROOT), List.copyOf(values));
            return this;
        }

        /**
         * Makes every key starting with {@code prefix} inapplicable: the data plane's {@code iot:Connection.Thing.}
         * keys, which AWS does not resolve for Greengrass calls (a statement using one matches nothing there).
         */
        public Builder inapplicable(String prefix) {
            inapplicable.add(prefix.toLowerCase(Locale.ROOT));
            return this;
        }

        /**
         * Resolves the keys starting with {@code prefix} only when a policy asks for one (the resource's stored tags
         * for {@code aws:ResourceTag/}): {@code lookup} gets the rest of the key as the policy spells it and returns
         * its value, or null when it has none.
         */
        public Builder resolving(String prefix, Function<String, @Nullable String> lookup) {
            resolvers.put(prefix.toLowerCase(Locale.ROOT), lookup);
            return this;
        }

        public RequestContext build() {
            return new RequestContext(action, resource, Map.copyOf(keys), List.copyOf(inapplicable),
                    Map.copyOf(resolvers));
        }
    }
}
