package io.corelink.wire.http;

/**
 * One AWS operation. It validates its input, does its work in one store transaction and returns its response, or
 * throws an {@link io.corelink.wire.error.AwsException} or a domain exception, which the handler renders.
 */
@FunctionalInterface
public interface Operation {
    ApiResponse handle(ApiRequest request);
}
