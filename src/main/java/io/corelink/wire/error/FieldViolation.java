package io.corelink.wire.error;

import org.jspecify.annotations.Nullable;
/**
 * One broken constraint of a request: {@code name} is the member path as the client knows it
 * ({@code entries[3].thingName}), {@code rule} the constraint in AWS's words, {@code value} what was sent (or null).
 */
public record FieldViolation(String name, String rule, @Nullable String value) {
}
