package io.corelink.domain.thing;

import java.time.Instant;
import java.util.Objects;

/**
 * A thing of the registry. {@code thingId} is a UUID fixed at creation; {@code version} starts at 1 and grows by one
 * with every update.
 */
public record Thing(ThingName name, String thingId, ThingAttributes attributes, long version, Instant createdAt) {
    public Thing {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(thingId, "thingId");
        Objects.requireNonNull(attributes, "attributes");
        Objects.requireNonNull(createdAt, "createdAt");
        if (version < 1) {
            throw new IllegalArgumentException("version starts at 1");
        }
    }

    /** The thing as it is after an update that sets {@code newAttributes}. */
    public Thing updated(ThingAttributes newAttributes) {
        return new Thing(name, thingId, newAttributes, version + 1, createdAt);
    }
}
