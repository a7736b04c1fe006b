package io.corelink.domain.error;

/** The certificate's state forbids the operation (deleting an ACTIVE certificate, say). */
public final class CertificateStateException extends DomainException {
    private static final long serialVersionUID = 1L;

    public CertificateStateException(String message) {
        super(message);
    }
}
