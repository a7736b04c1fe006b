package io.corelink.domain.error;

/** A request that is well formed but that the domain rules do not allow; the message says which rule. */
public final class InvalidRequestException extends DomainException {
    private static final long serialVersionUID = 1L;

    public InvalidRequestException(String message) {
        super(message);
    }
}
