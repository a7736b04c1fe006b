package io.corelink.domain.error;

/**
 * A policy document that AWS would refuse: not JSON, an unknown element, operator or key, a missing or doubled
 * element, a value of the wrong kind, or over the size limit. The message names the first problem found.
 */
public final class MalformedPolicyException extends DomainException {
    private static final long serialVersionUID = 1L;

    public MalformedPolicyException(String message) {
        super(message);
    }
}
