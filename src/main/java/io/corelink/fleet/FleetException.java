package io.corelink.fleet;

/** A fleet command cannot go on: its message is one line for the operator, with no stack trace to read. */
public final class FleetException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public FleetException(String message) {
        super(message, null, false, false);
    }

    @Override
    public String getMessage() {
        return String.valueOf(super.getMessage());
    }
}
