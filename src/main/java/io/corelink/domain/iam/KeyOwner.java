package io.corelink.domain.iam;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Who an active access key belongs to: the account's root (the administrator key, {@code user} null, no policies
 * consulted) or an IAM user with the policies that apply to it. Holds the key's secret, for SigV4 only.
 */
public record KeyOwner(String accessKeyId, String secret, @Nullable IamUser user, List<IdentityPolicy> policies) {
    public KeyOwner {
        policies = List.copyOf(policies);
    }

    public boolean isRoot() {
        return user == null;
    }

    @Override
    public String toString() {
        return "KeyOwner[" + accessKeyId + ", " + (user == null ? "root" : user.name()) + "]"; // never the secret
    }
}
