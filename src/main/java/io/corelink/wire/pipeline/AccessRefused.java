package io.corelink.wire.pipeline;

import org.jspecify.annotations.Nullable;

/**
 * Thrown by an authorizing {@link Stage} to refuse a request: its {@link Plane} answers it in the service's shape for
 * a denial, with the client's message when the stage gives one (AWS's AccessDenied sentence, which names only the
 * caller, the action and the resource); the reason (which policy and statement decided, never a secret) goes to the
 * log only.
 */
public final class AccessRefused extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final @Nullable String clientMessage;

    public AccessRefused(String reason) {
        this(reason, null);
    }

    public AccessRefused(String reason, @Nullable String clientMessage) {
        super(reason, null, false, false);
        this.clientMessage = clientMessage;
    }

    /** Why, in words for the log. */
    public String reason() {
        return java.util.Objects.requireNonNull(getMessage());
    }

    /** What the client is told, when the stage says; else the plane's default sentence. */
    public @Nullable String clientMessage() {
        return clientMessage;
    }
}
