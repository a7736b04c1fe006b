package io.corelink.wire.http;

import io.corelink.wire.error.ServiceFamily;

/** A method and URI template bound to an operation of one service family. */
public record Route(String method, PathTemplate template, ServiceFamily family, String operationName, Operation operation) {
}
