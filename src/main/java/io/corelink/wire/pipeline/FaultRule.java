package io.corelink.wire.pipeline;

import org.jspecify.annotations.Nullable;

/**
 * One rule of {@code serve --fault-injection} (operations.md §2): for calls whose action matches {@code action}
 * (IAM's rule: case-insensitive, {@code *} and {@code ?}), wait {@code latencyMs}, then, with {@code probability},
 * answer with {@code error} (an error shape of the call's service, or {@link #RESET} to drop the connection); after
 * {@code count} firings (null: never) the rule expires. A rule without an error only adds latency.
 *
 * @throws IllegalArgumentException from the constructor naming the member that is out of range
 */
public record FaultRule(String action, @Nullable String error, double probability, long latencyMs,
                        @Nullable Long count) {
    /** The error that drops the connection instead of answering. */
    public static final String RESET = "reset";
    public static final long MAX_LATENCY_MS = 60_000;

    public FaultRule {
        if (action == null || action.isBlank()) {
            throw new IllegalArgumentException("action must name an action, such as greengrass:BatchAssociate*");
        }
        if (!(probability >= 0 && probability <= 1)) {
            throw new IllegalArgumentException("probability must be between 0 and 1");
        }
        if (latencyMs < 0 || latencyMs > MAX_LATENCY_MS) {
            throw new IllegalArgumentException("latencyMs must be between 0 and " + MAX_LATENCY_MS);
        }
        if (count != null && count < 1) {
            throw new IllegalArgumentException("count must be at least 1, or null for no limit");
        }
        if (error == null && latencyMs == 0) {
            throw new IllegalArgumentException("a rule needs an error or a latency");
        }
    }
}
