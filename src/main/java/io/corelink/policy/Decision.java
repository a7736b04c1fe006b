package io.corelink.policy;

import org.jspecify.annotations.Nullable;

/**
 * The outcome of evaluating a request against a principal's policies, with the statement that decided it: the first
 * explicit {@code Deny} that applies, else the first {@code Allow}; neither is an implicit deny.
 *
 * @param policyName the policy whose statement decided, or null for an implicit deny
 * @param statement the statement that decided, or null for an implicit deny
 */
public record Decision(Outcome outcome, @Nullable String policyName, @Nullable Statement statement) {

    /** Allowed, denied because nothing allowed it, or denied by a statement. */
    public enum Outcome { ALLOWED, IMPLICIT_DENY, EXPLICIT_DENY }

    static final Decision IMPLICITLY_DENIED = new Decision(Outcome.IMPLICIT_DENY, null, null);

    public boolean allowed() {
        return outcome == Outcome.ALLOWED;
    }
}
