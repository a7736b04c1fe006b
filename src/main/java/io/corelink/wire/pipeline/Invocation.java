package io.corelink.wire.pipeline;

import io.corelink.wire.http.ApiResponse;

/** A routed, authenticated request, ready to run once every stage has admitted it. */
@FunctionalInterface
public interface Invocation {
    /** @throws RuntimeException an {@code AwsException} or a domain exception, rendered by the pipeline */
    ApiResponse run();
}
