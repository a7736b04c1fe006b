package io.corelink.wire.pipeline;

/**
 * Thrown by the limiting {@link Stage} when the caller's bucket for the call's action is empty: the {@link Plane}
 * answers at once in its service's throttling shape, nothing runs and the store is not touched.
 */
public final class RateLimited extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final long retryAfterSeconds;

    public RateLimited(String reason, long retryAfterSeconds) {
        super(reason, null, false, false);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** When the bucket has a token again, rounded up to whole seconds (at least 1), for {@code Retry-After}. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** Why, in words for the log. */
    public String reason() {
        return java.util.Objects.requireNonNull(getMessage());
    }
}
