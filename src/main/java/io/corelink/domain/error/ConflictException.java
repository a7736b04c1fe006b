package io.corelink.domain.error;

/**
 * The resource is still in use by another (a certificate attached to a thing, a thing with attached principals);
 * {@code kind} tells the wire layer which AWS error the operation models for it.
 */
public final class ConflictException extends DomainException {
    private static final long serialVersionUID = 1L;

    /** What is in the way. */
    public enum Kind { CERTIFICATE_ATTACHED, THING_HAS_PRINCIPALS, PRINCIPAL_EXCLUSIVE }

    private final Kind kind;

    public ConflictException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
