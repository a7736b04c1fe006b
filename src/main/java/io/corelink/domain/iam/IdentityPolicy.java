package io.corelink.domain.iam;

/**
 * A policy that applies to a user: an inline policy by its name, or the default version of an attached managed
 * policy by its ARN's name; the document as stored.
 */
public record IdentityPolicy(String name, String document) {
}
