package io.corelink.domain.iotpolicy;

import io.corelink.domain.validation.Constraints;
import java.util.regex.Pattern;

/** The name of an AWS IoT policy: 1..128 characters of {@code [\w+=,.@-]}, case-sensitive, never changed. */
public record PolicyName(String value) implements Comparable<PolicyName> {
    public static final int MAX_LENGTH = 128;
    private static final Pattern PATTERN = Pattern.compile("[\\w+=,.@-]+");

    /** @throws io.corelink.domain.error.InvalidValueException with the model's rule when the name breaks it */
    public PolicyName {
        Constraints.length(value, 1, MAX_LENGTH);
        Constraints.pattern(value, PATTERN);
    }

    public static PolicyName of(String value) {
        return new PolicyName(value);
    }

    @Override
    public int compareTo(PolicyName other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
