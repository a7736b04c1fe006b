package io.corelink.domain.thing;

import io.corelink.domain.validation.Constraints;
import java.util.regex.Pattern;

/**
 * The name of an AWS IoT thing: 1..128 characters of {@code [a-zA-Z0-9:_-]}. Thing names are the identity of a thing
 * and never change.
 */
public record ThingName(String value) implements Comparable<ThingName> {
    public static final int MAX_LENGTH = 128;
    private static final Pattern PATTERN = Pattern.compile("[a-zA-Z0-9:_-]+");

    public ThingName {
        Constraints.length(value, 1, MAX_LENGTH);
        if (!allowedCharacters(value)) {
            Constraints.pattern(value, PATTERN); // throws, with the pattern in the AWS message
        }
    }

    /**
     * @throws io.corelink.domain.error.InvalidValueException with the AWS rule when {@code value} is not a valid name
     */
    public static ThingName of(String value) {
        return new ThingName(value);
    }

    /**
     * The name, when {@code value} is a legal thing name; empty otherwise (a name the Greengrass model allows but IoT
     * does not names no thing: callers answer "not found" or "not attached", not a validation error).
     */
    public static java.util.Optional<ThingName> parse(String value) {
        return isValid(value) ? java.util.Optional.of(new ThingName(value)) : java.util.Optional.empty();
    }

    /** Whether {@code value} is a legal thing name; names the Greengrass model allows but IoT does not are not. */
    public static boolean isValid(String value) {
        return value != null && !value.isEmpty() && value.length() <= MAX_LENGTH && allowedCharacters(value);
    }

    /**
     * {@link #PATTERN} without the regex engine: names are checked several times per entry of a 100-entry batch, and
     * the matcher was the largest single cost of a BatchAssociate on the server (JFR).
     */
    private static boolean allowedCharacters(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == ':'
                    || c == '_' || c == '-';
            if (!allowed) {
                return false;
            }
        }
        return !value.isEmpty();
    }

    @Override
    public int compareTo(ThingName other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
