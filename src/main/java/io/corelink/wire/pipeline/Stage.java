package io.corelink.wire.pipeline;

/**
 * A cross-cutting step of every request on both planes (authorization, rate limits, audit, metrics, the access log).
 * {@link #admit} runs after authentication and before the operation; {@link #record} after the answer is written.
 */
public interface Stage {
    /**
     * Lets the request through, or refuses it by throwing an {@code AwsException}; it then changes nothing.
     * Must not touch the store on the hot path.
     */
    default void admit(Call call) {
    }

    /** Takes note of a finished request (answered, refused, failed or closed). Must not throw. */
    default void record(Call call) {
    }
}
