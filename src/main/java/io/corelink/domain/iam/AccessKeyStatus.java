package io.corelink.domain.iam;

/** The state of a user's access key, spelled as IAM spells it; only an {@code Active} key signs requests. */
public enum AccessKeyStatus {
    Active, Inactive
}
