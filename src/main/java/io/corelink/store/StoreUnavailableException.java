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

    /**
     * Whether the database refused the data itself (SQLSTATE class 22, data exception, or 23, integrity constraint):
     * the same write fails again however often it is retried.
     */
    public boolean refusedTheData() {
        for (Throwable t = getCause(); t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("22") || sql.getSQLState().startsWith("23"))) {
                return true;
            }
        }
        return false;
    }

    /** The message, which every {@code StoreUnavailableException} has. */
    @Override
    public String getMessage() {
        return java.util.Objects.requireNonNull(super.getMessage());
    }
}
