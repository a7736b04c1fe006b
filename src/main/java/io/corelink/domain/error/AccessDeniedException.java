package io.corelink.domain.error;

/** The caller is authenticated but not allowed to do this (a certificate not attached to the thing it acts for). */
public final class AccessDeniedException extends DomainException {
    private static final long serialVersionUID = 1L;

    public AccessDeniedException(String message) {
        super(message);
    }
}
