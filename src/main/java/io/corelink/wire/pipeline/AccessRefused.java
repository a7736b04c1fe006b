package io.corelink.wire.pipeline;

/**
 * Thrown by an authorizing {@link Stage} to refuse a request: its {@link Plane} answers it in the service's shape for
 * a denial, and the reason (which policy and statement decided, never a secret) goes to the log only.
 */
public final class AccessRefused extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public AccessRefused(String reason) {
        super(reason, null, false, false);
    }

    /** Why, in words for the log. */
    public String reason() {
        return java.util.Objects.requireNonNull(getMessage());
    }
}
