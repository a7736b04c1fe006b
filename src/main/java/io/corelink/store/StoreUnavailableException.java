package io.corelink.store;

import org.jspecify.annotations.Nullable;
/**
 * The database failed or could not be reached. The message is safe to log (no SQL text, no values); the cause keeps
 * the driver's exception for the operator's log only.
 */
public final class StoreUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StoreUnavailableException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }

    /** The message, which every {@code StoreUnavailableException} has. */
    @Override
    public String getMessage() {
        return java.util.Objects.requireNonNull(super.getMessage());
    }
}
