package io.corelink.domain.iotpolicy;

import java.time.Instant;
import java.util.Objects;

/** Where a page of policies in creation order starts after: the last policy's creation time and name. */
public record PolicyPosition(Instant createdAt, PolicyName name) {
    public PolicyPosition {
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(name, "name");
    }
}
