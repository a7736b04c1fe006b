package io.corelink.service;

import io.corelink.domain.Account;
import io.corelink.domain.iam.IamUser;
import io.corelink.domain.iam.KeyOwner;
import io.corelink.policy.NamedPolicy;
import io.corelink.policy.PolicyDocument;
import io.corelink.store.Store;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * Who signs control-plane requests: the owner of each active access key with its parsed identity policies, cached so
 * that verifying a signature and authorizing the call cost no store round trip on the hot path. An entry is used
 * while this node has changed no IAM identity since it was filled ({@link #changed}) and for at most two seconds (so
 * a key deactivated or a policy changed through another node is refused there within that time, and at once on the
 * node that changed it).
 * An unknown or inactive key is never cached: a key created on any node signs requests to every node at once.
 */
public final class CallerIdentities {
    private final Store store;
    private final Account account;
    private final AtomicLong changes = new AtomicLong();
    private final DataPlaneCache<String, Optional<Caller>> cache;

    public CallerIdentities(Store store, Account account, Clock clock) {
        this.store = store;
        this.account = account;
        this.cache = new DataPlaneCache<>(changes::get, clock);
    }

    /** Called after every committed change of users, keys or policies: the next lookup reads the store again. */
    public void changed() {
        changes.incrementAndGet();
    }

    /**
     * An authenticated caller: the account's root (no policies consulted) or an IAM user and its policies.
     *
     * @param arn {@code arn:aws:iam::<account>:root} or the user's ARN
     */
    public record Caller(String accessKeyId, String secret, String arn, @Nullable IamUser user,
                         List<NamedPolicy> policies) {
        public boolean isRoot() {
            return user == null;
        }

        @Override
        public String toString() {
            return "Caller[" + accessKeyId + ", " + arn + "]"; // never the secret
        }
    }

    /** The caller an active key belongs to; empty for an unknown, inactive or deleted key. */
    public Optional<Caller> find(String accessKeyId) {
        Optional<Caller> found = cache.get(accessKeyId, () -> store.read(tx -> tx.iam().activeKey(accessKeyId))
                .map(this::caller)).value();
        if (found.isEmpty()) {
            cache.remove(accessKeyId);
        }
        return found;
    }

    private Caller caller(KeyOwner owner) {
        IamUser user = owner.user();
        if (user == null) {
            return new Caller(owner.accessKeyId(), owner.secret(), account.rootArn(), null, List.of());
        }
        // Stored documents were validated when they were put; parsing again only builds the evaluator's form.
        List<NamedPolicy> policies = owner.policies().stream()
                .map(p -> new NamedPolicy(p.name(), PolicyDocument.parse(p.document(), Integer.MAX_VALUE)))
                .toList();
        return new Caller(owner.accessKeyId(), owner.secret(), account.iamUserArn(user.path(), user.name()), user,
                policies);
    }
}
