package io.corelink.domain.thing;

import io.corelink.domain.validation.Constraints;
import io.corelink.domain.error.InvalidRequestException;
import io.corelink.domain.error.InvalidValueException;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The searchable attributes of a thing, sorted by name. Names are at most 128 characters of
 * {@code [a-zA-Z0-9_.,@/:#-]}, values at most 800 of {@code [a-zA-Z0-9_.,@/:#=\[\]-]*}; a thing has at most
 * {@value #MAX_COUNT} of them (AWS IoT's quota for a thing).
 */
public final class ThingAttributes {
    public static final int MAX_COUNT = 50;
    public static final ThingAttributes NONE = new ThingAttributes(new TreeMap<>());
    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_.,@/:#-]+");
    private static final Pattern VALUE = Pattern.compile("[a-zA-Z0-9_.,@/:#=\\[\\]-]*");

    private final SortedMap<String, String> values;

    private ThingAttributes(SortedMap<String, String> values) {
        this.values = Collections.unmodifiableSortedMap(values);
    }

    /**
     * @throws InvalidValueException when a name or value breaks its rule (the message names the attribute)
     * @throws InvalidRequestException when there are more than {@value #MAX_COUNT} attributes
     */
    public static ThingAttributes of(Map<String, String> attributes) {
        TreeMap<String, String> copy = new TreeMap<>();
        attributes.forEach((name, value) -> {
            checkName(name);
            checkValue(name, value);
            copy.put(name, value);
        });
        return checked(copy);
    }

    /** Validates one attribute name, as used in filters. */
    public static void checkName(String name) {
        Constraints.length(name, 1, 128);
        Constraints.pattern(name, NAME);
    }

    /** Validates one attribute value, as used in filters. */
    public static void checkValue(String value) {
        Constraints.length(value, 0, 800);
        Constraints.pattern(value, VALUE);
    }

    private static void checkValue(String name, String value) {
        try {
            checkValue(value);
        } catch (InvalidValueException e) {
            throw new InvalidValueException(e.getMessage() + " (attribute '" + name + "')");
        }
    }

    private static ThingAttributes checked(TreeMap<String, String> values) {
        if (values.size() > MAX_COUNT) {
            throw new InvalidRequestException("A thing can have at most " + MAX_COUNT + " attributes, not " + values.size());
        }
        return values.isEmpty() ? NONE : new ThingAttributes(values);
    }

    /**
     * The attributes after an UpdateThing payload: with {@code merge} the given ones are laid over these, otherwise
     * they replace them; in both cases an empty value removes the attribute (AWS's documented way to remove one).
     */
    public ThingAttributes apply(ThingAttributes update, boolean merge) {
        TreeMap<String, String> result = merge ? new TreeMap<>(values) : new TreeMap<>();
        update.values.forEach((name, value) -> {
            if (value.isEmpty()) {
                result.remove(name);
            } else {
                result.put(name, value);
            }
        });
        return checked(result);
    }

    /** The attributes, sorted by name; unmodifiable. */
    public SortedMap<String, String> asMap() {
        return values;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ThingAttributes that && values.equals(that.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
