package io.corelink.domain.thing;

import org.jspecify.annotations.Nullable;
import java.util.Objects;

/**
 * What ListThings selects. With no attribute name every thing matches; with a name alone, things that have that
 * attribute; with a value too, things whose value equals it, or starts with it when {@code valueIsPrefix}.
 */
public record ThingFilter(@Nullable String attributeName, @Nullable String attributeValue, boolean valueIsPrefix) {
    public static final ThingFilter ALL = new ThingFilter(null, null, false);

    public ThingFilter {
        if (attributeName == null && attributeValue != null) {
            throw new IllegalArgumentException("an attribute value needs an attribute name");
        }
    }

    /** A stable text for this filter, so that a page token can be bound to the filter it was issued for. */
    public String fingerprint() {
        return Objects.toString(attributeName, "") + "\u0000" + Objects.toString(attributeValue, "\u0001")
                + "\u0000" + valueIsPrefix;
    }
}
