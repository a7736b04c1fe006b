package io.corelink.domain.iam;

import java.time.Instant;

/** A user's access key without its secret: what ListAccessKeys shows. */
public record AccessKeyInfo(String accessKeyId, String userName, AccessKeyStatus status, Instant createdAt) {
}
