package io.corelink.domain.error;

/** The caller's expected version is not the stored one: someone else changed the resource first. */
public final class VersionConflictException extends DomainException {
    private static final long serialVersionUID = 1L;

    public VersionConflictException(String message) {
        super(message);
    }
}
