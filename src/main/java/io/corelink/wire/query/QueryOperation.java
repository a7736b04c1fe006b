package io.corelink.wire.query;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * One IAM or STS action. It validates its parameters, does its work in one store transaction and returns the members
 * of its {@code <ActionResult>} (null for an action without output), or throws an
 * {@link io.corelink.wire.error.AwsException} or a domain exception, which the pipeline renders in the query shape.
 */
@FunctionalInterface
public interface QueryOperation {
    @Nullable ObjectNode handle(QueryRequest request);
}
