package io.corelink.domain.error;

/**
 * A value broke one of its constraints. The message is the constraint in AWS's words
 * ("Member must have length less than or equal to 128"), without the member's name, which only the caller knows.
 */
public final class InvalidValueException extends DomainException {
    private static final long serialVersionUID = 1L;

    public InvalidValueException(String constraint) {
        super(constraint);
    }
}
