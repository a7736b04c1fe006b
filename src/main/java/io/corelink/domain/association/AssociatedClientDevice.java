package io.corelink.domain.association;

import io.corelink.domain.thing.ThingName;
import java.time.Instant;
import java.util.Objects;

/** A client device associated with a core device, and since when. */
public record AssociatedClientDevice(ThingName thingName, Instant associatedAt) {
    public AssociatedClientDevice {
        Objects.requireNonNull(thingName, "thingName");
        Objects.requireNonNull(associatedAt, "associatedAt");
    }
}
