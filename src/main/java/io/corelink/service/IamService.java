package io.corelink.service;

import io.corelink.domain.Account;
import io.corelink.domain.error.ConflictException;
import io.corelink.domain.error.ResourceAlreadyExistsException;
import io.corelink.domain.error.ResourceNotFoundException;
import io.corelink.domain.iam.AccessKeyInfo;
import io.corelink.domain.iam.AccessKeyStatus;
import io.corelink.domain.iam.IamIds;
import io.corelink.domain.iam.IamUser;
import io.corelink.domain.iam.ManagedPolicy;
import io.corelink.domain.iam.ManagedPolicyVersion;
import io.corelink.domain.iam.NewAccessKey;
import io.corelink.policy.PolicyDocument;
import io.corelink.store.Store;
import io.corelink.store.StoreTransaction;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * IAM users, access keys, inline and managed policies (access-control.md §4), with AWS's quotas and wording. Each call
 * is one store transaction; a policy document is validated before anything is stored. Names are the validated input
 * of the wire layer; they are matched whatever their case, as IAM does.
 *
 * @see io.corelink.store.IamRepository
 */
public final class IamService {
    /** AWS's fixed quotas. */
    public static final int MAX_ACCESS_KEYS = 2;
    public static final int MAX_ATTACHED_POLICIES = 10;
    public static final int MAX_TAGS = 50;
    /** Characters without white space: all of a user's inline policies together, and one managed policy. */
    public static final int MAX_INLINE_POLICY_CHARACTERS = 2048;
    public static final int MAX_MANAGED_POLICY_CHARACTERS = 6144;

    private final Store store;
    private final Account account;
    private final Clock clock;
    private final CallerIdentities identities;

    public IamService(Store store, Account account, Clock clock, CallerIdentities identities) {
        this.store = store;
        this.account = account;
        this.clock = clock;
        this.identities = identities;
    }

    /** One write transaction; once it has committed, the callers' cache of this node forgets what it knew. */
    private <T> T write(java.util.function.Function<StoreTransaction, T> work) {
        try {
            return store.write(work::apply);
        } finally {
            identities.changed();
        }
    }

    /** A user with its tags. */
    public record UserWithTags(IamUser user, Map<String, String> tags) {
    }

    /** @throws ResourceAlreadyExistsException when a user of that name (in any case) exists */
    public IamUser createUser(String name, String path, Map<String, String> tags) {
        requireTagRoom(tags.size());
        IamUser user = new IamUser(name, IamIds.newUserId(), path, clock.instant());
        return write(tx -> {
            if (!tx.iam().insertUser(user)) {
                throw new ResourceAlreadyExistsException(name, userArn(user), "User with name " + name
                        + " already exists.");
            }
            tx.iam().putUserTags(name, tags);
            return user;
        });
    }

    /** @throws ResourceNotFoundException when there is no such user */
    public UserWithTags getUser(String name) {
        return store.read(tx -> new UserWithTags(requireUser(tx, name), tx.iam().userTags(name)));
    }

    public Page<IamUser> listUsers(String pathPrefix, @Nullable String after, int limit) {
        return Page.of(store.read(tx -> tx.iam().listUsers(pathPrefix, after, limit + 1)), limit);
    }

    /**
     * @throws ResourceNotFoundException when there is no such user
     * @throws ConflictException while the user has access keys, inline policies or attached policies
     */
    public void deleteUser(String name) {
        write(tx -> {
            requireUser(tx, name);
            int[] dependents = tx.iam().dependents(name);
            if (dependents[0] > 0) {
                throw inUse("Cannot delete entity, must delete access keys first.");
            }
            if (dependents[1] > 0) {
                throw inUse("Cannot delete entity, must delete policies first.");
            }
            if (dependents[2] > 0) {
                throw inUse("Cannot delete entity, must detach all policies first.");
            }
            tx.iam().deleteUser(name);
            return null;
        });
    }

    /** Adds or replaces tags. @throws ConflictException beyond {@link #MAX_TAGS} tags in all */
    public void tagUser(String name, Map<String, String> tags) {
        write(tx -> {
            requireUser(tx, name);
            Map<String, String> merged = new HashMap<>(tx.iam().userTags(name));
            merged.putAll(tags);
            requireTagRoom(merged.size());
            tx.iam().putUserTags(name, tags);
            return null;
        });
    }

    public Map<String, String> userTags(String name) {
        return store.read(tx -> {
            requireUser(tx, name);
            return tx.iam().userTags(name);
        });
    }

    /** @throws ConflictException when the user has {@link #MAX_ACCESS_KEYS} keys already */
    public NewAccessKey createAccessKey(String userName) {
        String id = IamIds.newAccessKeyId();
        String secret = IamIds.newSecretAccessKey();
        Instant now = clock.instant();
        return write(tx -> {
            IamUser user = requireUser(tx, userName);
            if (tx.iam().listAccessKeys(userName).size() >= MAX_ACCESS_KEYS) {
                throw quota("Cannot exceed quota for AccessKeysPerUser: " + MAX_ACCESS_KEYS);
            }
            tx.iam().insertAccessKey(userName, id, secret, now);
            return new NewAccessKey(new AccessKeyInfo(id, user.name(), AccessKeyStatus.Active, now), secret);
        });
    }

    public List<AccessKeyInfo> listAccessKeys(String userName) {
        return store.read(tx -> {
            requireUser(tx, userName);
            return tx.iam().listAccessKeys(userName);
        });
    }

    /** @throws ResourceNotFoundException when the user has no such key */
    public void updateAccessKey(String userName, String accessKeyId, AccessKeyStatus status) {
        write(tx -> {
            requireUser(tx, userName);
            if (!tx.iam().updateAccessKey(userName, accessKeyId, status)) {
                throw noSuchKey(accessKeyId);
            }
            return null;
        });
    }

    /** @throws ResourceNotFoundException when the user has no such key */
    public void deleteAccessKey(String userName, String accessKeyId) {
        write(tx -> {
            requireUser(tx, userName);
            if (!tx.iam().deleteAccessKey(userName, accessKeyId)) {
                throw noSuchKey(accessKeyId);
            }
            return null;
        });
    }

    /**
     * @throws io.corelink.domain.error.MalformedPolicyException when IAM would refuse the document
     * @throws ConflictException when the user's inline policies would exceed their size quota
     */
    public void putUserPolicy(String userName, String policyName, String document) {
        PolicyDocument.parse(document, Integer.MAX_VALUE);
        write(tx -> {
            requireUser(tx, userName);
            int total = PolicyDocument.countedCharacters(document);
            for (io.corelink.domain.iam.IdentityPolicy other : tx.iam().inlinePolicies(userName)) {
                if (!other.name().equalsIgnoreCase(policyName)) {
                    total += PolicyDocument.countedCharacters(other.document());
                }
            }
            if (total > MAX_INLINE_POLICY_CHARACTERS) {
                throw quota("Maximum policy size of " + MAX_INLINE_POLICY_CHARACTERS
                        + " bytes exceeded for user " + userName);
            }
            tx.iam().putUserPolicy(userName, policyName, document);
            return null;
        });
    }

    /** The inline policy as {name, document}. @throws ResourceNotFoundException when there is none */
    public String[] getUserPolicy(String userName, String policyName) {
        return store.read(tx -> {
            requireUser(tx, userName);
            return tx.iam().findUserPolicy(userName, policyName).orElseThrow(() -> noSuchUserPolicy(policyName));
        });
    }

    public Page<String> listUserPolicies(String userName, @Nullable String after, int limit) {
        return Page.of(store.read(tx -> {
            requireUser(tx, userName);
            return tx.iam().listUserPolicyNames(userName, after, limit + 1);
        }), limit);
    }

    public void deleteUserPolicy(String userName, String policyName) {
        write(tx -> {
            requireUser(tx, userName);
            if (!tx.iam().deleteUserPolicy(userName, policyName)) {
                throw noSuchUserPolicy(policyName);
            }
            return null;
        });
    }

    /** A managed policy with the document of its default version and its tags. */
    public record PolicyWithTags(ManagedPolicy policy, Map<String, String> tags) {
    }

    /**
     * @throws io.corelink.domain.error.MalformedPolicyException when IAM would refuse the document
     * @throws ResourceAlreadyExistsException when a policy of that name (in any case) exists
     */
    public ManagedPolicy createPolicy(String name, String path, String document, String description,
                                      Map<String, String> tags) {
        requireManagedSize(document);
        PolicyDocument.parse(document, Integer.MAX_VALUE);
        requireTagRoom(tags.size());
        Instant now = clock.instant();
        ManagedPolicy policy = new ManagedPolicy(name, IamIds.newPolicyId(), path, description, 1, 0, now, now);
        return write(tx -> {
            if (!tx.iam().insertPolicy(policy, document, tags)) {
                throw new ResourceAlreadyExistsException(name, account.iamPolicyArn(path, name), "A policy called "
                        + name + " already exists. Duplicate names are not allowed.");
            }
            return policy;
        });
    }

    /** @throws ResourceNotFoundException when no policy has that ARN */
    public PolicyWithTags getPolicy(String arn) {
        return store.read(tx -> {
            ManagedPolicy policy = requirePolicy(tx, arn);
            return new PolicyWithTags(policy, tx.iam().policyTags(policy.name()));
        });
    }

    /** @throws ResourceNotFoundException when the policy or the version does not exist */
    public ManagedPolicyVersion getPolicyVersion(String arn, String versionId) {
        return store.read(tx -> version(tx, requirePolicy(tx, arn), arn, versionId));
    }

    /** @throws ConflictException when the policy has {@link ManagedPolicy#MAX_VERSIONS} versions already */
    public ManagedPolicyVersion createPolicyVersion(String arn, String document, boolean setAsDefault) {
        requireManagedSize(document);
        PolicyDocument.parse(document, Integer.MAX_VALUE);
        Instant now = clock.instant();
        return write(tx -> {
            ManagedPolicy policy = requirePolicy(tx, arn);
            if (tx.iam().policyVersions(policy.name()).size() >= ManagedPolicy.MAX_VERSIONS) {
                throw quota("A managed policy can have up to " + ManagedPolicy.MAX_VERSIONS + " versions. Before "
                        + "you create a new version, you must delete an existing version.");
            }
            int version = tx.iam().insertPolicyVersion(policy.name(), document, now);
            if (setAsDefault) {
                tx.iam().setDefaultPolicyVersion(policy.name(), version, now);
            }
            return new ManagedPolicyVersion(version, document, setAsDefault, now);
        });
    }

    /** @throws ConflictException for the default version */
    public void deletePolicyVersion(String arn, String versionId) {
        write(tx -> {
            ManagedPolicy policy = requirePolicy(tx, arn);
            ManagedPolicyVersion version = version(tx, policy, arn, versionId);
            if (version.isDefault()) {
                throw inUse("Cannot delete the default version of a policy.");
            }
            tx.iam().deletePolicyVersion(policy.name(), version.version());
            return null;
        });
    }

    public Page<ManagedPolicy> listPolicies(String pathPrefix, boolean onlyAttached, @Nullable String after,
                                            int limit) {
        return Page.of(store.read(tx -> tx.iam().listPolicies(pathPrefix, onlyAttached, after, limit + 1)), limit);
    }

    /** @throws ConflictException while attached, or while it has versions besides the default */
    public void deletePolicy(String arn) {
        write(tx -> {
            ManagedPolicy policy = requirePolicy(tx, arn);
            if (policy.attachmentCount() > 0) {
                throw inUse("Cannot delete a policy attached to entities.");
            }
            if (tx.iam().policyVersions(policy.name()).size() > 1) {
                throw inUse("This policy has more than one version. Before you delete a policy, you must delete "
                        + "the policy's versions. The default version is deleted with the policy.");
            }
            tx.iam().deletePolicy(policy.name());
            return null;
        });
    }

    /** Attaching twice is a no-op. @throws ConflictException beyond {@link #MAX_ATTACHED_POLICIES} policies */
    public void attachUserPolicy(String userName, String arn) {
        write(tx -> {
            requireUser(tx, userName);
            ManagedPolicy policy = requirePolicy(tx, arn);
            List<ManagedPolicy> attached = tx.iam().attachedPolicies(userName, "/", null, MAX_ATTACHED_POLICIES + 1);
            boolean already = attached.stream().anyMatch(p -> p.name().equalsIgnoreCase(policy.name()));
            if (!already && attached.size() >= MAX_ATTACHED_POLICIES) {
                throw quota("Cannot exceed quota for PoliciesPerUser: " + MAX_ATTACHED_POLICIES);
            }
            tx.iam().attachUserPolicy(userName, policy.name());
            return null;
        });
    }

    /** @throws ResourceNotFoundException when the policy is not attached to the user */
    public void detachUserPolicy(String userName, String arn) {
        write(tx -> {
            requireUser(tx, userName);
            ManagedPolicy policy = requirePolicy(tx, arn);
            if (!tx.iam().detachUserPolicy(userName, policy.name())) {
                throw new ResourceNotFoundException("policy", arn, "Policy " + arn + " was not found.");
            }
            return null;
        });
    }

    public Page<ManagedPolicy> attachedUserPolicies(String userName, String pathPrefix, @Nullable String after,
                                                    int limit) {
        return Page.of(store.read(tx -> {
            requireUser(tx, userName);
            return tx.iam().attachedPolicies(userName, pathPrefix, after, limit + 1);
        }), limit);
    }

    /**
     * The ARN of the user of that name with the path it was created with, for authorizing a call on it before the
     * call's input is validated; a user that does not exist is named with the root path.
     */
    public String storedUserArn(String name) {
        return store.read(tx -> tx.iam().findUser(name).map(this::userArn)
                .orElseGet(() -> account.iamUserArn("/", name)));
    }

    public String userArn(IamUser user) {
        return account.iamUserArn(user.path(), user.name());
    }

    public String policyArn(ManagedPolicy policy) {
        return account.iamPolicyArn(policy.path(), policy.name());
    }

    /** The position after {@code name} in a list ordered by IAM's case-insensitive names. */
    public static String positionOf(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    private IamUser requireUser(StoreTransaction tx, String name) {
        return tx.iam().findUser(name).orElseThrow(() -> new ResourceNotFoundException("user", name,
                "The user with name " + name + " cannot be found."));
    }

    private ManagedPolicy requirePolicy(StoreTransaction tx, String arn) {
        String[] pathAndName = account.iamPolicyOf(arn).orElseThrow(() -> notAttachable(arn));
        ManagedPolicy policy = tx.iam().findPolicy(pathAndName[1]).orElseThrow(() -> notAttachable(arn));
        if (!policyArn(policy).equals(arn)) {
            throw notAttachable(arn);
        }
        return policy;
    }

    private static ManagedPolicyVersion version(StoreTransaction tx, ManagedPolicy policy, String arn,
                                                String versionId) {
        return tx.iam().policyVersions(policy.name()).stream()
                .filter(v -> v.versionId().equals(versionId))
                .findFirst()
                .orElseThrow(() -> new ResourceNotFoundException("policyVersion", versionId, "Policy " + arn
                        + " version " + versionId + " does not exist or is not attachable."));
    }

    private static ResourceNotFoundException notAttachable(String arn) {
        return new ResourceNotFoundException("policy", arn, "Policy " + arn + " does not exist or is not attachable.");
    }

    private static ResourceNotFoundException noSuchKey(String accessKeyId) {
        return new ResourceNotFoundException("accessKey", accessKeyId, "The Access Key with id " + accessKeyId
                + " cannot be found.");
    }

    private static ResourceNotFoundException noSuchUserPolicy(String policyName) {
        return new ResourceNotFoundException("userPolicy", policyName, "The user policy with name " + policyName
                + " cannot be found.");
    }

    private static void requireManagedSize(String document) {
        if (PolicyDocument.countedCharacters(document) > MAX_MANAGED_POLICY_CHARACTERS) {
            throw quota("Cannot exceed quota for PolicySize: " + MAX_MANAGED_POLICY_CHARACTERS);
        }
    }

    private static void requireTagRoom(int count) {
        if (count > MAX_TAGS) {
            throw new ConflictException(ConflictException.Kind.TAG_LIMIT,
                    "The number of tags has reached the maximum limit.");
        }
    }

    private static ConflictException inUse(String message) {
        return new ConflictException(ConflictException.Kind.ENTITY_IN_USE, message);
    }

    private static ConflictException quota(String message) {
        return new ConflictException(ConflictException.Kind.QUOTA_EXCEEDED, message);
    }
}
