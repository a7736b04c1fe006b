package io.corelink.domain.iotpolicy;

import java.time.Instant;
import java.util.Objects;

/**
 * An IoT policy as GetPolicy shows it: its default version's document and when it was made and last changed.
 *
 * @param generationId changes with every change to the policy (a new default version)
 */
public record IotPolicy(PolicyName name, int defaultVersionId, String defaultDocument, Instant createdAt,
                        Instant lastModifiedAt, String generationId) {
    /** AWS's limit of versions a policy may have at once. */
    public static final int MAX_VERSIONS = 5;

    public IotPolicy {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(defaultDocument, "defaultDocument");
    }
}
