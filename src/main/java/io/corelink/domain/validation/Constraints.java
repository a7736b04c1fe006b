package io.corelink.domain.validation;

import io.corelink.domain.error.InvalidValueException;
import java.util.regex.Pattern;

/**
 * The constraint checks of the AWS models, with the messages AWS's validation layer uses, so that a value type can
 * state its rule in the words a user of AWS already knows.
 */
public final class Constraints {
    private Constraints() {
    }

    /** @throws InvalidValueException when {@code value} is shorter than {@code min} or longer than {@code max} */
    public static void length(String value, int min, int max) {
        int length = value.codePointCount(0, value.length());
        if (length < min) {
            throw new InvalidValueException("Member must have length greater than or equal to " + min);
        }
        if (length > max) {
            throw new InvalidValueException("Member must have length less than or equal to " + max);
        }
    }

    /** @throws InvalidValueException when {@code value} does not match the whole of {@code pattern} */
    public static void pattern(String value, Pattern pattern) {
        if (!pattern.matcher(value).matches()) {
            throw new InvalidValueException("Member must satisfy regular expression pattern: " + pattern.pattern());
        }
    }

    /** @throws InvalidValueException when {@code value} lies outside {@code min..max} */
    public static void range(long value, long min, long max) {
        if (value < min) {
            throw new InvalidValueException("Member must have value greater than or equal to " + min);
        }
        if (value > max) {
            throw new InvalidValueException("Member must have value less than or equal to " + max);
        }
    }
}
