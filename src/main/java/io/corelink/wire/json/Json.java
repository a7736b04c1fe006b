package io.corelink.wire.json;

import java.math.BigDecimal;
import java.time.Instant;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON conventions of restJson1 in one place: one mapper, timestamps as epoch seconds with millisecond precision
 * (a JSON number such as {@code 1764137763.512}).
 */
public final class Json {
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private Json() {
    }

    public static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    /** The restJson1 timestamp for {@code instant}: epoch seconds, three decimals. */
    public static BigDecimal timestamp(Instant instant) {
        return BigDecimal.valueOf(instant.toEpochMilli(), 3);
    }

    public static byte[] write(Object value) {
        return MAPPER.writeValueAsBytes(value);
    }

    /**
     * Parses a request body.
     *
     * @throws JacksonException when the bytes are not one well-formed JSON value
     */
    public static JsonNode parse(byte[] body) {
        return MAPPER.readTree(body);
    }
}
