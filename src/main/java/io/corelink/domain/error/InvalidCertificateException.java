package io.corelink.domain.error;

/** A certificate text that is not a well-formed, usable X.509 certificate. */
public final class InvalidCertificateException extends DomainException {
    private static final long serialVersionUID = 1L;

    public InvalidCertificateException(String message) {
        super(message);
    }
}
