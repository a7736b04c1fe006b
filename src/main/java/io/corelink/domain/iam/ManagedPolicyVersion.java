package io.corelink.domain.iam;

import java.time.Instant;

/** One version of a managed policy: its number ({@code v<n>} on the wire), document as sent, and whether it is in force. */
public record ManagedPolicyVersion(int version, String document, boolean isDefault, Instant createdAt) {
    public String versionId() {
        return "v" + version;
    }
}
