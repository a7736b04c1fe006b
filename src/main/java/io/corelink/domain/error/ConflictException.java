package io.corelink.domain.error;

/**
 * The resource is still in use by another (a certificate attached to a thing, a thing with attached principals);
 * {@code kind} tells the wire layer which AWS error the operation models for it.
 */
public final class ConflictException extends DomainException {
    private static final long serialVersionUID = 1L;

    /** What is in the way. */
    public enum Kind {
        CERTIFICATE_ATTACHED, THING_HAS_PRINCIPALS, PRINCIPAL_EXCLUSIVE,
        /** A policy attached to a certificate, with non-default versions, or a default version being deleted. */
        POLICY_IN_USE,
        /** A policy that has {@link io.corelink.domain.iotpolicy.IotPolicy#MAX_VERSIONS} versions already. */
        POLICY_VERSIONS_LIMIT,
        /** A certificate that has the most policies AWS allows attached already. */
        CERTIFICATE_POLICY_LIMIT,
        /** A resource that would have more tags than AWS allows. */
        TAG_LIMIT,
        /** An IAM entity that others still refer to (a user with keys or policies, an attached managed policy). */
        ENTITY_IN_USE,
        /** One of AWS's fixed quotas (access keys per user, policies per user, policy size). */
        QUOTA_EXCEEDED
    }

    private final Kind kind;

    public ConflictException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
