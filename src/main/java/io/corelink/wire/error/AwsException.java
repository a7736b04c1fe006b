package io.corelink.wire.error;

import org.jspecify.annotations.Nullable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An error to send to the client as it is: its catalogue entry, its message and the shape's modelled members in body
 * order. Carries no stack trace (it is control flow, not a fault).
 */
public final class AwsException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private static final int MAX_ECHOED_VALUE = 256;

    private final AwsError error;
    private final transient Map<String, Object> members;
    private final long retryAfterSeconds;

    public AwsException(AwsError error, String message) {
        this(error, message, Map.of());
    }

    public AwsException(AwsError error, String message, Map<String, Object> members) {
        this(error, message, members, 0);
    }

    private AwsException(AwsError error, String message, Map<String, Object> members, long retryAfterSeconds) {
        super(Objects.requireNonNull(message), null, false, false);
        this.error = Objects.requireNonNull(error);
        this.members = Collections.unmodifiableMap(new LinkedHashMap<>(members));
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** The same error, telling the client to retry after so many seconds ({@code Retry-After}). */
    public AwsException withRetryAfter(long seconds) {
        return new AwsException(error, getMessage(), members, seconds);
    }

    /** The seconds of {@code Retry-After}, or 0 for none given (a server fault still gets 1). */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public AwsError error() {
        return error;
    }

    /** The modelled members beyond {@code message}, in the order they are written. */
    public Map<String, Object> members() {
        return members;
    }

    /** A request that could not be parsed (malformed JSON, a member of the wrong type, a malformed query value). */
    public static AwsException cannotParse(ServiceFamily family, String detail) {
        Map<String, Object> members = family == ServiceFamily.GREENGRASS ? Map.of("reason", "CANNOT_PARSE") : Map.of();
        return new AwsException(family.validationError(), detail, members);
    }

    /**
     * Broken modelled constraints, in AWS's validation message format
     * ("2 validation errors detected: Value 'x' at 'thingName' failed to satisfy constraint: …; …"). Greengrass
     * errors also carry {@code reason} and one {@code fields} entry per violation.
     */
    public static AwsException invalidFields(ServiceFamily family, List<FieldViolation> violations) {
        StringBuilder message = new StringBuilder()
                .append(violations.size())
                .append(violations.size() == 1 ? " validation error detected: " : " validation errors detected: ");
        for (int i = 0; i < violations.size(); i++) {
            FieldViolation v = violations.get(i);
            if (i > 0) {
                message.append("; ");
            }
            message.append("Value ").append(echo(v.value())).append(" at '").append(v.name())
                    .append("' failed to satisfy constraint: ").append(v.rule());
        }
        Map<String, Object> members = new LinkedHashMap<>();
        if (family == ServiceFamily.GREENGRASS) {
            members.put("reason", "FIELD_VALIDATION_FAILED");
            members.put("fields", violations.stream()
                    .map(v -> new ValidationField(v.name(), v.rule()))
                    .toList());
        }
        return new AwsException(family.validationError(), message.toString(), members);
    }

    /** One entry of a Greengrass {@code ValidationException.fields}, as modelled. */
    public record ValidationField(String name, String message) {
    }

    private static String echo(@Nullable String value) {
        if (value == null) {
            return "null";
        }
        String shown = value.length() > MAX_ECHOED_VALUE ? value.substring(0, MAX_ECHOED_VALUE) + "..." : value;
        return "'" + shown + "'";
    }

    /** The message, which every {@code AwsException} has. */
    @Override
    public String getMessage() {
        return java.util.Objects.requireNonNull(super.getMessage());
    }
}
