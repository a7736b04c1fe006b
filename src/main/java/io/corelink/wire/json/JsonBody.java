package io.corelink.wire.json;

import org.jspecify.annotations.Nullable;
import io.corelink.wire.error.AwsException;
import io.corelink.wire.error.ServiceFamily;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * A parsed request body with typed, strict member access: a member of the wrong JSON type is a parse error (400,
 * {@code CANNOT_PARSE}), an absent or null member is {@code null}; unknown members are ignored.
 */
public final class JsonBody {
    private final ServiceFamily family;
    private final JsonNode node;
    private final String path;

    private JsonBody(ServiceFamily family, JsonNode node, String path) {
        this.family = family;
        this.node = node;
        this.path = path;
    }

    /**
     * Parses {@code body}; an empty body is the empty object.
     *
     * @throws AwsException (parse error) when the body is not a JSON object
     */
    public static JsonBody parse(ServiceFamily family, byte[] body) {
        if (body.length == 0) {
            return new JsonBody(family, Json.object(), "");
        }
        JsonNode node;
        try {
            node = Json.parse(body);
        } catch (JacksonException e) {
            throw AwsException.cannotParse(family, "Could not parse request body into json: the body is not valid JSON");
        }
        if (node == null || !node.isObject()) {
            throw AwsException.cannotParse(family, "Could not parse request body into json: expected a JSON object");
        }
        return new JsonBody(family, node, "");
    }

    public @Nullable String string(String member) {
        JsonNode value = member(member);
        if (value == null) {
            return null;
        }
        if (!value.isString()) {
            throw wrongType(member, "a string");
        }
        return value.stringValue();
    }

    public @Nullable Boolean bool(String member) {
        JsonNode value = member(member);
        if (value == null) {
            return null;
        }
        if (!value.isBoolean()) {
            throw wrongType(member, "a boolean");
        }
        return value.booleanValue();
    }

    public @Nullable Long longValue(String member) {
        JsonNode value = member(member);
        if (value == null) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw wrongType(member, "an integer");
        }
        return value.longValue();
    }

    public @Nullable JsonBody object(String member) {
        JsonNode value = member(member);
        if (value == null) {
            return null;
        }
        if (!value.isObject()) {
            throw wrongType(member, "an object");
        }
        return new JsonBody(family, value, qualified(member));
    }

    /** A list of objects, each with its own path ({@code entries[3]}); null when absent. */
    public @Nullable List<JsonBody> objects(String member) {
        JsonNode value = member(member);
        if (value == null) {
            return null;
        }
        if (!value.isArray()) {
            throw wrongType(member, "a list");
        }
        List<JsonBody> items = new ArrayList<>(value.size());
        for (int i = 0; i < value.size(); i++) {
            JsonNode item = value.get(i);
            String itemPath = qualified(member) + "[" + i + "]";
            if (!item.isObject()) {
                throw AwsException.cannotParse(family, "Could not parse request body: '" + itemPath
                        + "' must be an object");
            }
            items.add(new JsonBody(family, item, itemPath));
        }
        return items;
    }

    /** A list of strings; null when absent. */
    public @Nullable List<String> strings(String member) {
        JsonNode value = member(member);
        if (value == null) {
            return null;
        }
        if (!value.isArray()) {
            throw wrongType(member, "a list");
        }
        List<String> items = new ArrayList<>(value.size());
        for (int i = 0; i < value.size(); i++) {
            if (!value.get(i).isString()) {
                throw wrongType(member + "[" + i + "]", "a string");
            }
            items.add(value.get(i).stringValue());
        }
        return items;
    }

    /** The member path of this object in the request, such as {@code entries[3]} (empty for the body itself). */
    public String path() {
        return path;
    }

    /** A map of strings to strings, in the order sent. */
    public @Nullable Map<String, String> stringMap(String member) {
        JsonBody map = object(member);
        if (map == null) {
            return null;
        }
        Map<String, String> result = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : map.node.properties()) {
            if (!entry.getValue().isString()) {
                throw map.wrongType(entry.getKey(), "a string");
            }
            result.put(entry.getKey(), entry.getValue().stringValue());
        }
        return result;
    }

    private @Nullable JsonNode member(String member) {
        JsonNode value = node.get(member);
        return value == null || value.isNull() ? null : value;
    }

    private String qualified(String member) {
        return path.isEmpty() ? member : path + "." + member;
    }

    private AwsException wrongType(String member, String expected) {
        return AwsException.cannotParse(family,
                "Could not parse request body: '" + qualified(member) + "' must be " + expected);
    }
}
