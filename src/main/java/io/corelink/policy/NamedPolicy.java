package io.corelink.policy;

import java.util.Objects;

/** A parsed policy document under its name, as a principal holds it (an attached or inline policy). */
public record NamedPolicy(String name, PolicyDocument document) {
    public NamedPolicy {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(document, "document");
    }
}
