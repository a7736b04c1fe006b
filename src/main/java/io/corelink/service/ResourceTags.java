package io.corelink.service;

import io.corelink.domain.Account;
import io.corelink.domain.thing.ThingName;
import io.corelink.store.Store;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * The stored tags of the resource an ARN names, for {@code aws:ResourceTag/…} conditions: core devices, IoT policies,
 * IAM users and managed policies (things and certificates have no condition keys on AWS). Read only when a policy
 * asks, and cached like the data plane's derived data (exact while this node has written nothing, two seconds at
 * most). An ARN of anything else has no tags.
 */
public final class ResourceTags {
    private final Store store;
    private final Account account;
    private final DataPlaneCache<String, Map<String, String>> cache;

    public ResourceTags(Store store, Account account, Clock clock) {
        this.store = store;
        this.account = account;
        this.cache = new DataPlaneCache<>(store, clock);
    }

    public Map<String, String> of(String arn) {
        return cache.get(arn, () -> load(arn)).value();
    }

    private Map<String, String> load(String arn) {
        Optional<String> coreDevice = account.coreDeviceOf(arn);
        if (coreDevice.isPresent()) {
            if (!ThingName.isValid(coreDevice.get())) {
                return Map.of();
            }
            return store.read(tx -> tx.coreDevices().tags(ThingName.of(coreDevice.get())));
        }
        var policy = account.policyOf(arn);
        if (policy.isPresent()) {
            return store.read(tx -> tx.iotPolicies().tags(policy.get()));
        }
        Optional<String[]> managed = account.iamPolicyOf(arn);
        if (managed.isPresent()) {
            return store.read(tx -> tx.iam().findPolicy(managed.get()[1])
                    .filter(found -> account.iamPolicyArn(found.path(), found.name()).equals(arn))
                    .map(found -> tx.iam().policyTags(found.name())).orElse(Map.of()));
        }
        Optional<String> user = account.iamUserNameOf(arn);
        if (user.isPresent()) {
            return store.read(tx -> tx.iam().findUser(user.get())
                    .filter(found -> account.iamUserArn(found.path(), found.name()).equals(arn))
                    .map(found -> tx.iam().userTags(found.name())).orElse(Map.of()));
        }
        return Map.of();
    }
}
