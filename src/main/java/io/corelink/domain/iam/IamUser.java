package io.corelink.domain.iam;

import java.time.Instant;
import java.util.Objects;

/**
 * An IAM user of the deployment's account: a name (unique whatever its case), AWS's stable id ({@code AIDA…}), a path
 * ({@code /} or {@code /a/b/}) and when it was created.
 */
public record IamUser(String name, String userId, String path, Instant createdAt) {
    public IamUser {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
