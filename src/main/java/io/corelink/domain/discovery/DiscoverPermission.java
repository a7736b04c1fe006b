package io.corelink.domain.discovery;

import org.jspecify.annotations.Nullable;

/**
 * What a certificate's IoT policies decide for {@code greengrass:Discover} on its thing: allowed by a statement,
 * denied by one, or allowed by none.
 *
 * @param policyName the policy whose statement decided; null when none applied
 * @param statement that statement's Sid, or its position ("statement 2"); null when none applied
 */
public record DiscoverPermission(Decision decision, @Nullable String policyName, @Nullable String statement) {
    /** The three outcomes of IAM's evaluation. */
    public enum Decision { ALLOWED, EXPLICIT_DENY, IMPLICIT_DENY }

    public boolean allowed() {
        return decision == Decision.ALLOWED;
    }
}
