package io.corelink.wire.pipeline;

/** Thrown by a stage to end a request by closing its connection without an answer (an injected {@code reset}). */
public final class ConnectionDropped extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConnectionDropped(String reason) {
        super(reason, null, false, false);
    }
}
