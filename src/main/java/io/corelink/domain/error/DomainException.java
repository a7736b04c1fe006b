package io.corelink.domain.error;

/**
 * Base of every failure the domain reports to its callers. Subtypes say what went wrong in domain terms;
 * only the wire layer turns them into AWS error shapes and HTTP statuses.
 */
public abstract class DomainException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    protected DomainException(String message) {
        super(message, null, false, false);
    }

    /** The message, which every {@code DomainException} has. */
    @Override
    public String getMessage() {
        return java.util.Objects.requireNonNull(super.getMessage());
    }
}
