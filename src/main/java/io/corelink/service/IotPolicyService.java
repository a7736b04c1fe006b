package io.corelink.service;

import io.corelink.domain.event.ChangeEvent;
import org.jspecify.annotations.Nullable;
import io.corelink.domain.Account;
import io.corelink.domain.certificate.CertificateId;
import io.corelink.domain.error.ConflictException;
import io.corelink.domain.error.InvalidRequestException;
import io.corelink.domain.error.MalformedPolicyException;
import io.corelink.domain.error.ResourceAlreadyExistsException;
import io.corelink.domain.error.ResourceNotFoundException;
import io.corelink.domain.iotpolicy.IotPolicy;
import io.corelink.domain.iotpolicy.PolicyName;
import io.corelink.domain.iotpolicy.PolicyPosition;
import io.corelink.domain.iotpolicy.PolicyVersion;
import io.corelink.policy.PolicyDocument;
import io.corelink.store.Store;
import io.corelink.store.StoreTransaction;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;

/**
 * IoT policies, their versions and their attachment to certificates (access-control.md §2). Each call is one store
 * transaction; a document is validated before anything is stored.
 */
public final class IotPolicyService {
    /** AWS's limit of policies attached to one certificate. */
    public static final int MAX_POLICIES_PER_CERTIFICATE = 10;
    /** AWS's limit of tags on one resource. */
    public static final int MAX_TAGS = 50;

    private final Store store;
    private final Account account;
    private final Clock clock;

    public IotPolicyService(Store store, Account account, Clock clock) {
        this.store = store;
        this.account = account;
        this.clock = clock;
    }

    /**
     * @throws MalformedPolicyException when AWS would refuse the document
     * @throws ResourceAlreadyExistsException when a policy of that name exists
     */
    public IotPolicy create(PolicyName name, String document, Map<String, String> tags) {
        PolicyDocument.parse(document, PolicyDocument.MAX_CHARACTERS);
        Instant now = clock.instant();
        String generation = newGeneration();
        return store.write(tx -> {
            if (!tx.iotPolicies().insertIfAbsent(name, document, now, generation)) {
                throw new ResourceAlreadyExistsException(name.value(), arnOf(name),
                        "Policy cannot be created - name already exists (name=" + name + ")");
            }
            requireTagRoom(tags.size());
            tx.iotPolicies().putTags(name, tags);
            tx.events().append(List.of(ChangeEvent.policy(ChangeEvent.Operation.CREATED, name, 1, now)));
            return new IotPolicy(name, 1, document, now, now, generation);
        });
    }

    /** @throws ResourceNotFoundException when there is no such policy */
    public IotPolicy get(PolicyName name) {
        return store.read(tx -> requirePolicy(tx, name));
    }

    /** A page of policies in creation order (newest first unless {@code ascending}). */
    public Page<IotPolicy> list(boolean ascending, @Nullable PolicyPosition after, int limit) {
        return Page.of(store.read(tx -> tx.iotPolicies().list(ascending, after, limit + 1)), limit);
    }

    /**
     * @throws ResourceNotFoundException when there is no such policy
     * @throws ConflictException when it is attached or has versions besides the default
     */
    public void delete(PolicyName name) {
        store.write(tx -> {
            requirePolicy(tx, name);
            if (tx.iotPolicies().isAttached(name)) {
                throw new ConflictException(ConflictException.Kind.POLICY_IN_USE, "The policy cannot be deleted as "
                        + "the policy is attached to one or more principals (name=" + name + ")");
            }
            if (tx.iotPolicies().versions(name).size() > 1) {
                throw new ConflictException(ConflictException.Kind.POLICY_IN_USE, "Cannot delete the policy because "
                        + "it has one or more versions besides the default (name=" + name + ")");
            }
            tx.iotPolicies().delete(name);
            tx.events().append(List.of(ChangeEvent.policy(ChangeEvent.Operation.DELETED, name, null,
                    clock.instant())));
            return null;
        });
    }

    /**
     * @throws MalformedPolicyException when AWS would refuse the document
     * @throws ResourceNotFoundException when there is no such policy
     * @throws ConflictException when it has {@value IotPolicy#MAX_VERSIONS} versions already
     */
    public PolicyVersion createVersion(PolicyName name, String document, boolean setAsDefault) {
        PolicyDocument.parse(document, PolicyDocument.MAX_CHARACTERS);
        Instant now = clock.instant();
        String generation = newGeneration();
        return store.write(tx -> {
            requirePolicy(tx, name);
            if (tx.iotPolicies().versions(name).size() >= IotPolicy.MAX_VERSIONS) {
                throw new ConflictException(ConflictException.Kind.POLICY_VERSIONS_LIMIT, "The policy " + name
                        + " already has the maximum number of versions (" + IotPolicy.MAX_VERSIONS + ")");
            }
            int id = tx.iotPolicies().addVersion(name, document, setAsDefault, now, generation);
            tx.events().append(List.of(ChangeEvent.policy(ChangeEvent.Operation.UPDATED, name, id, now)));
            return new PolicyVersion(name, id, document, setAsDefault, now);
        });
    }

    /** @throws ResourceNotFoundException when there is no such policy or version */
    public PolicyVersion version(PolicyName name, int versionId) {
        return store.read(tx -> requireVersion(tx, name, versionId));
    }

    /** The policy's versions by id. @throws ResourceNotFoundException when there is no such policy */
    public List<PolicyVersion> versions(PolicyName name) {
        return store.read(tx -> {
            requirePolicy(tx, name);
            return tx.iotPolicies().versions(name);
        });
    }

    /** @throws ResourceNotFoundException when there is no such policy or version */
    public void setDefaultVersion(PolicyName name, int versionId) {
        Instant now = clock.instant();
        String generation = newGeneration();
        store.write(tx -> {
            requireVersion(tx, name, versionId);
            tx.iotPolicies().setDefaultVersion(name, versionId, now, generation);
            tx.events().append(List.of(ChangeEvent.policy(ChangeEvent.Operation.UPDATED, name, versionId, now)));
            return null;
        });
    }

    /**
     * @throws ResourceNotFoundException when there is no such policy or version
     * @throws ConflictException when it is the default version
     */
    public void deleteVersion(PolicyName name, int versionId) {
        store.write(tx -> {
            if (requireVersion(tx, name, versionId).isDefault()) {
                throw new ConflictException(ConflictException.Kind.POLICY_IN_USE,
                        "Cannot delete the default version of a policy (name=" + name + ", version=" + versionId + ")");
            }
            tx.iotPolicies().deleteVersion(name, versionId);
            tx.events().append(List.of(ChangeEvent.policy(ChangeEvent.Operation.UPDATED, name, versionId,
                    clock.instant())));
            return null;
        });
    }

    /**
     * Attaches the policy to the target certificate; attaching again changes nothing.
     *
     * @throws InvalidRequestException when the target is not a certificate ARN of this account
     * @throws ResourceNotFoundException when the policy or the certificate does not exist
     * @throws ConflictException when the certificate has {@value #MAX_POLICIES_PER_CERTIFICATE} policies already
     */
    public void attach(PolicyName name, String target) {
        CertificateId certificate = certificateOf(target);
        Instant now = clock.instant();
        store.write(tx -> {
            requirePolicy(tx, name);
            requireCertificate(tx, certificate);
            List<PolicyName> attached = tx.iotPolicies().policiesOf(certificate, true, null,
                    MAX_POLICIES_PER_CERTIFICATE + 1);
            if (!attached.contains(name) && attached.size() >= MAX_POLICIES_PER_CERTIFICATE) {
                throw new ConflictException(ConflictException.Kind.CERTIFICATE_POLICY_LIMIT, "The certificate "
                        + certificate + " has the maximum number of policies attached ("
                        + MAX_POLICIES_PER_CERTIFICATE + ")");
            }
            if (!attached.contains(name)) {
                tx.iotPolicies().attach(name, certificate, now);
                tx.events().append(List.of(ChangeEvent.policyPrincipal(ChangeEvent.Operation.CREATED, name,
                        account.certificateArn(certificate), now)));
            }
            return null;
        });
    }

    /**
     * Detaches the policy from the target certificate; detaching what is not attached changes nothing (the model has
     * no "not found" for DetachPolicy).
     *
     * @throws InvalidRequestException when the target is not a certificate ARN of this account
     */
    public void detach(PolicyName name, String target) {
        CertificateId certificate = certificateOf(target);
        store.write(tx -> {
            if (tx.iotPolicies().detach(name, certificate)) {
                tx.events().append(List.of(ChangeEvent.policyPrincipal(ChangeEvent.Operation.DELETED, name,
                        account.certificateArn(certificate), clock.instant())));
            }
            return null;
        });
    }

    /**
     * The policies attached to the target certificate, by name.
     *
     * @throws InvalidRequestException when the target is not a certificate ARN of this account
     * @throws ResourceNotFoundException when the certificate does not exist
     */
    public Page<PolicyName> policiesOf(String target, boolean ascending, @Nullable PolicyName after, int limit) {
        CertificateId certificate = certificateOf(target);
        return Page.of(store.read(tx -> {
            requireCertificate(tx, certificate);
            return tx.iotPolicies().policiesOf(certificate, ascending, after, limit + 1);
        }), limit);
    }

    /** The certificates the policy is attached to, by id. @throws ResourceNotFoundException for an unknown policy */
    public Page<CertificateId> targetsOf(PolicyName name, boolean ascending, @Nullable CertificateId after,
                                         int limit) {
        return Page.of(store.read(tx -> {
            requirePolicy(tx, name);
            return tx.iotPolicies().targetsOf(name, ascending, after, limit + 1);
        }), limit);
    }

    /**
     * The policies in effect for a certificate: the default versions of those attached to it, by name.
     *
     * @throws InvalidRequestException when the principal is not a certificate ARN of this account
     * @throws ResourceNotFoundException when the certificate does not exist
     */
    public List<IotPolicy> effectivePolicies(String principal) {
        CertificateId certificate = certificateOf(principal);
        return store.read(tx -> {
            requireCertificate(tx, certificate);
            return tx.iotPolicies().attachedTo(certificate);
        });
    }

    /**
     * The tags of the policy an ARN names, by key.
     *
     * @throws InvalidRequestException when the ARN names no IoT policy of this account (the only taggable resource)
     * @throws ResourceNotFoundException when the policy does not exist
     */
    public SortedMap<String, String> tags(String resourceArn) {
        return store.read(tx -> tx.iotPolicies().tags(taggable(tx, resourceArn)));
    }

    /**
     * Adds tags, replacing the values of keys that exist.
     *
     * @throws ConflictException when the policy would have more than {@value #MAX_TAGS} tags
     */
    public void tag(String resourceArn, Map<String, String> tags) {
        store.write(tx -> {
            PolicyName name = taggable(tx, resourceArn);
            Map<String, String> after = new TreeMap<>(tx.iotPolicies().tags(name));
            after.putAll(tags);
            requireTagRoom(after.size());
            tx.iotPolicies().putTags(name, tags);
            return null;
        });
    }

    /** Removes tags; keys that are not there are ignored. */
    public void untag(String resourceArn, List<String> keys) {
        store.write(tx -> {
            tx.iotPolicies().removeTags(taggable(tx, resourceArn), keys);
            return null;
        });
    }

    private PolicyName taggable(StoreTransaction tx, String resourceArn) {
        PolicyName name = account.policyOf(resourceArn).orElseThrow(() -> new InvalidRequestException(
                "Corelink keeps tags on IoT policies only (arn:aws:iot:" + account.region() + ":"
                        + account.accountId() + ":policy/<name>), not on " + resourceArn));
        requirePolicy(tx, name);
        return name;
    }

    private static void requireTagRoom(int count) {
        if (count > MAX_TAGS) {
            throw new ConflictException(ConflictException.Kind.TAG_LIMIT, "A resource can have at most " + MAX_TAGS
                    + " tags.");
        }
    }

    public String arnOf(PolicyName name) {
        return account.policyArn(name);
    }

    public String arnOf(CertificateId certificate) {
        return account.certificateArn(certificate);
    }

    /**
     * The certificate a policy target names. Corelink has no thing groups and no Cognito identities, so only
     * certificate ARNs of this account and region are targets.
     */
    private CertificateId certificateOf(String target) {
        return account.certificateOf(target).orElseThrow(() -> new InvalidRequestException(
                target.contains(":thinggroup/")
                        ? "Corelink has no thing groups: policies attach to certificates (arn:aws:iot:"
                        + account.region() + ":" + account.accountId() + ":cert/<certificateId>)."
                        : "The target must be the ARN of a certificate of account " + account.accountId() + " in "
                        + account.region() + ": " + target));
    }

    private static IotPolicy requirePolicy(StoreTransaction tx, PolicyName name) {
        return tx.iotPolicies().find(name).orElseThrow(() -> new ResourceNotFoundException("policy", name.value(),
                "Policy not found"));
    }

    private static PolicyVersion requireVersion(StoreTransaction tx, PolicyName name, int versionId) {
        requirePolicy(tx, name);
        return tx.iotPolicies().version(name, versionId).orElseThrow(() -> new ResourceNotFoundException(
                "policyVersion", name + "/" + versionId, "Policy version not found"));
    }

    private static void requireCertificate(StoreTransaction tx, CertificateId certificate) {
        if (tx.certificates().find(certificate).isEmpty()) {
            throw CertificateService.notFound(certificate);
        }
    }

    private static String newGeneration() {
        return UUID.randomUUID().toString();
    }
}
