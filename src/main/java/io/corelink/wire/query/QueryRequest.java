package io.corelink.wire.query;

import io.corelink.wire.error.AwsException;
import io.corelink.wire.error.ServiceFamily;
import io.corelink.wire.http.PercentCodec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One AWS query-protocol request (IAM, STS): the parameters of its form body and query string, decoded once. Lists
 * arrive flattened as {@code Name.member.1}, {@code Name.member.2}, … and maps of tags as
 * {@code Tags.member.1.Key}/{@code Tags.member.1.Value}; the accessors put them back together.
 */
public final class QueryRequest {
    private final String requestId;
    private final ServiceFamily family;
    private final String callerKeyId;
    private final Map<String, String> parameters;

    QueryRequest(String requestId, ServiceFamily family, String callerKeyId, Map<String, String> parameters) {
        this.requestId = requestId;
        this.family = family;
        this.callerKeyId = callerKeyId;
        this.parameters = Map.copyOf(parameters);
    }

    /** Every parameter of the request, {@code Action} and {@code Version} included, as sent. */
    public Map<String, String> parameters() {
        return parameters;
    }

    /** The access key that signed the request (IAM's actions default to the caller's own user). */
    public String callerKeyId() {
        return callerKeyId;
    }

    /**
     * The parameters of an {@code application/x-www-form-urlencoded} text ({@code +} is a space); a name given twice
     * keeps its first value.
     *
     * @throws AwsException (cannot parse) on a malformed percent-escape
     */
    static Map<String, String> parseForm(ServiceFamily family, @Nullable String form, Map<String, String> into) {
        if (form == null || form.isEmpty()) {
            return into;
        }
        try {
            for (String pair : form.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int equals = pair.indexOf('=');
                String name = decode(equals < 0 ? pair : pair.substring(0, equals));
                String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
                into.putIfAbsent(name, value);
            }
        } catch (IllegalArgumentException e) {
            throw AwsException.cannotParse(family, "The request's parameters could not be parsed: malformed "
                    + "percent-encoding");
        }
        return into;
    }

    static Map<String, String> parse(ServiceFamily family, @Nullable String rawQuery, byte[] body) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parseForm(family, new String(body, StandardCharsets.UTF_8), parameters);
        return parseForm(family, rawQuery, parameters);
    }

    private static String decode(String raw) {
        return PercentCodec.decode(raw.replace('+', ' '));
    }

    public String requestId() {
        return requestId;
    }

    public ServiceFamily family() {
        return family;
    }

    /** The {@code Action} parameter. */
    public String action() {
        return parameters.getOrDefault("Action", "");
    }

    /** A parameter's value, or null when the request does not have it. */
    public @Nullable String string(String name) {
        return parameters.get(name);
    }

    /** The members of a flattened list {@code name.member.N}, in N order; empty when there are none. */
    public List<String> list(String name) {
        List<String> values = new ArrayList<>();
        for (int i = 1; parameters.containsKey(name + ".member." + i); i++) {
            values.add(parameters.get(name + ".member." + i));
        }
        return values;
    }

    /**
     * Whether the request names the parameter at all: as a value, or as a flattened list or structure
     * ({@code name.member.1}, {@code name.member.1.Key}; an empty list is sent as {@code name=}).
     */
    public boolean has(String name) {
        String nested = name + ".";
        return parameters.containsKey(name) || parameters.keySet().stream().anyMatch(key -> key.startsWith(nested));
    }

    /**
     * The {@code Key}/{@code Value} pairs of a flattened list of structures ({@code Tags.member.N.Key}); a member
     * without a {@code Value} has null there.
     */
    public List<Map.Entry<String, @Nullable String>> pairs(String name, String keyMember, String valueMember) {
        List<Map.Entry<String, @Nullable String>> pairs = new ArrayList<>();
        for (int i = 1; ; i++) {
            String prefix = name + ".member." + i + ".";
            String key = parameters.get(prefix + keyMember);
            String value = parameters.get(prefix + valueMember);
            if (key == null && value == null) {
                return pairs;
            }
            pairs.add(new java.util.AbstractMap.SimpleEntry<>(key == null ? "" : key, value));
        }
    }
}
