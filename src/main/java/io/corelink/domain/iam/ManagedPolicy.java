package io.corelink.domain.iam;

import java.time.Instant;

/**
 * A customer managed IAM policy: its name (unique whatever its case), AWS's stable id ({@code ANPA…}), path, the
 * number of its default version ({@code v<n>}), how many users it is attached to, and its times.
 */
public record ManagedPolicy(String name, String policyId, String path, String description, int defaultVersion,
                            int attachmentCount, Instant createdAt, Instant updatedAt) {
    /** AWS's limit of versions one managed policy keeps. */
    public static final int MAX_VERSIONS = 5;

    /** The default version's id as IAM spells it: {@code v1}, {@code v2}, … */
    public String defaultVersionId() {
        return "v" + defaultVersion;
    }
}
