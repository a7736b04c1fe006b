package io.corelink.store;

import io.corelink.domain.iam.AccessKeyInfo;
import io.corelink.domain.iam.AccessKeyStatus;
import io.corelink.domain.iam.IamUser;
import io.corelink.domain.iam.KeyOwner;
import io.corelink.domain.iam.ManagedPolicy;
import io.corelink.domain.iam.ManagedPolicyVersion;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * IAM users, their access keys, inline and attached policies, and customer managed policies with their versions.
 * Names are found whatever their case (IAM's rule); lists are keyset pages in the order of the lower-case name, from
 * after {@code after} (a lower-case name, or null for the first page), at most {@code limit} long.
 */
public interface IamRepository {

    /** Stores a new user; false when one of that name (in any case) exists. */
    boolean insertUser(IamUser user);

    Optional<IamUser> findUser(String userName);

    List<IamUser> listUsers(String pathPrefix, @Nullable String after, int limit);

    /** Deletes the user and its tags; the caller has made sure nothing else refers to it. */
    void deleteUser(String userName);

    /** How many access keys, inline policies and attached policies the user has, in that order. */
    int[] dependents(String userName);

    Map<String, String> userTags(String userName);

    /** Adds or replaces these tags of the user. */
    void putUserTags(String userName, Map<String, String> tags);

    void insertAccessKey(String userName, String accessKeyId, String secret, Instant createdAt);

    List<AccessKeyInfo> listAccessKeys(String userName);

    /** False when the user has no such key. */
    boolean updateAccessKey(String userName, String accessKeyId, AccessKeyStatus status);

    /** False when the user has no such key. */
    boolean deleteAccessKey(String userName, String accessKeyId);

    /** The owner of an {@code Active} key with the policies that apply to it; empty for an unknown or inactive key. */
    Optional<KeyOwner> activeKey(String accessKeyId);

    /** Adds or replaces the user's inline policy of that name (in any case). */
    void putUserPolicy(String userName, String policyName, String document);

    /** The inline policy as {name, document}. */
    Optional<String[]> findUserPolicy(String userName, String policyName);

    List<String> listUserPolicyNames(String userName, @Nullable String after, int limit);

    /** Every inline policy of the user, with its document (in no particular order). */
    List<io.corelink.domain.iam.IdentityPolicy> inlinePolicies(String userName);

    /** False when the user has no such inline policy. */
    boolean deleteUserPolicy(String userName, String policyName);

    /** Stores a new managed policy with its first version; false when one of that name (in any case) exists. */
    boolean insertPolicy(ManagedPolicy policy, String document, Map<String, String> tags);

    Optional<ManagedPolicy> findPolicy(String policyName);

    Map<String, String> policyTags(String policyName);

    /** Managed policies whose path starts with {@code pathPrefix}; only those attached to a user when asked. */
    List<ManagedPolicy> listPolicies(String pathPrefix, boolean onlyAttached, @Nullable String after, int limit);

    /** Deletes the policy and all its versions; the caller has made sure it is not attached. */
    void deletePolicy(String policyName);

    List<ManagedPolicyVersion> policyVersions(String policyName);

    /** Adds a version with the next never-used number and returns that number. */
    int insertPolicyVersion(String policyName, String document, Instant now);

    void setDefaultPolicyVersion(String policyName, int version, Instant now);

    /** False when the policy has no such version. */
    boolean deletePolicyVersion(String policyName, int version);

    /** False when it was attached already. */
    boolean attachUserPolicy(String userName, String policyName);

    /** False when it was not attached. */
    boolean detachUserPolicy(String userName, String policyName);

    /** The managed policies attached to the user whose path starts with {@code pathPrefix}. */
    List<ManagedPolicy> attachedPolicies(String userName, String pathPrefix, @Nullable String after, int limit);
}
