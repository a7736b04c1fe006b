package io.corelink.wire.http;

import org.jspecify.annotations.Nullable;
import io.corelink.domain.error.InvalidValueException;
import io.corelink.wire.error.AwsException;
import io.corelink.wire.error.FieldViolation;
import io.corelink.wire.error.ServiceFamily;
import io.corelink.wire.paging.PageTokens;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Collects every broken constraint of one request, so that the client learns of all of them at once, as AWS reports
 * them; {@link #throwIfAny()} ends validation.
 */
public final class Violations {
    private final ServiceFamily family;
    private final List<FieldViolation> found = new ArrayList<>();

    public Violations(ServiceFamily family) {
        this.family = family;
    }

    /**
     * Parses a required member; records "must not be null" when it is absent. Declared never null because it is
     * null only when a violation was recorded, and then {@link #throwIfAny} throws before the value can be used.
     */
    @SuppressWarnings("NullAway") // null only with a recorded violation, see above
    public <T> T required(String member, @Nullable String raw, Function<String, T> parse) {
        if (raw == null) {
            found.add(new FieldViolation(member, "Member must not be null", null));
            return null;
        }
        return optional(member, raw, parse);
    }

    /** Parses an optional member; null stays null. */
    public <T> @Nullable T optional(String member, @Nullable String raw, Function<String, T> parse) {
        if (raw == null) {
            return null;
        }
        try {
            return parse.apply(raw);
        } catch (InvalidValueException e) {
            found.add(new FieldViolation(member, e.getMessage(), raw));
            return null;
        }
    }

    /**
     * An optional integer query parameter within {@code min..max}.
     *
     * @throws AwsException (cannot parse) at once when the value is not a decimal integer
     */
    public @Nullable Integer integer(String member, @Nullable String raw, int min, int max) {
        if (raw == null) {
            return null;
        }
        long value;
        try {
            value = Long.parseLong(raw);
        } catch (NumberFormatException e) {
            throw AwsException.cannotParse(family, "Could not parse '" + member + "': '" + raw + "' is not an integer");
        }
        if (value < min) {
            found.add(new FieldViolation(member, "Member must have value greater than or equal to " + min, raw));
            return null;
        }
        if (value > max) {
            found.add(new FieldViolation(member, "Member must have value less than or equal to " + max, raw));
            return null;
        }
        return (int) value;
    }

    /** An optional long query parameter. @throws AwsException (cannot parse) when it is not a decimal integer */
    public @Nullable Long longValue(String member, @Nullable String raw) {
        if (raw == null) {
            return null;
        }
        try {
            return Long.parseLong(raw);
        } catch (NumberFormatException e) {
            throw AwsException.cannotParse(family, "Could not parse '" + member + "': '" + raw + "' is not an integer");
        }
    }

    /** An optional boolean query parameter. @throws AwsException (cannot parse) unless it is true or false */
    public @Nullable Boolean bool(String member, @Nullable String raw) {
        if (raw == null) {
            return null;
        }
        if (raw.equals("true") || raw.equals("false")) {
            return Boolean.valueOf(raw);
        }
        throw AwsException.cannotParse(family, "Could not parse '" + member + "': '" + raw + "' is not a boolean");
    }

    /**
     * The keyset position sealed in a page token, or null when there is no token; a token that does not open for
     * {@code scope} (forged, altered, or from another listing) is recorded as a broken {@code member}.
     */
    public <T> @Nullable T pageToken(PageTokens tokens, String member, String scope, @Nullable String token,
                                     Function<String, T> parse) {
        if (token == null) {
            return null;
        }
        T position = tokens.open(scope, token).flatMap(sealed -> {
            try {
                return java.util.Optional.ofNullable(parse.apply(sealed));
            } catch (RuntimeException e) {
                return java.util.Optional.empty();
            }
        }).orElse(null);
        if (position == null) {
            found.add(new FieldViolation(member, "Member must be a token returned by a previous call of the same "
                    + "listing", token));
        }
        return position;
    }

    /** Records a broken rule found by the caller. */
    public void add(String member, String rule, @Nullable String value) {
        found.add(new FieldViolation(member, rule, value));
    }

    /** @throws AwsException the family's validation error listing every violation, when there is one */
    public void throwIfAny() {
        if (!found.isEmpty()) {
            throw AwsException.invalidFields(family, found);
        }
    }
}
