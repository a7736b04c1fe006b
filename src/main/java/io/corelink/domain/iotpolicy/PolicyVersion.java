package io.corelink.domain.iotpolicy;

import java.time.Instant;
import java.util.Objects;

/** One version of an IoT policy. Ids are 1, 2, 3… in creation order, never reused within a policy. */
public record PolicyVersion(PolicyName policy, int versionId, String document, boolean isDefault, Instant createdAt) {
    public PolicyVersion {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(document, "document");
    }
}
