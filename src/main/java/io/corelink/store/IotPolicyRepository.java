package io.corelink.store;

import org.jspecify.annotations.Nullable;
import io.corelink.domain.certificate.CertificateId;
import io.corelink.domain.iotpolicy.IotPolicy;
import io.corelink.domain.iotpolicy.PolicyName;
import io.corelink.domain.iotpolicy.PolicyPosition;
import io.corelink.domain.iotpolicy.PolicyVersion;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** IoT policies, their versions and the certificates they are attached to. */
public interface IotPolicyRepository {

    /**
     * Creates the policy with its first version (id 1, the default); returns false, changing nothing, when a policy
     * of that name exists.
     */
    boolean insertIfAbsent(PolicyName name, String document, Instant now, String generationId);

    /** The policy with its default version's document. */
    Optional<IotPolicy> find(PolicyName name);

    /** Up to {@code limit} policies after {@code after} (null: from the first) in creation order, then by name. */
    List<IotPolicy> list(boolean ascending, @Nullable PolicyPosition after, int limit);

    /** Deletes the policy with its versions (not while attached: callers check); returns whether it existed. */
    boolean delete(PolicyName name);

    /** The policy's versions by id. */
    List<PolicyVersion> versions(PolicyName name);

    Optional<PolicyVersion> version(PolicyName name, int versionId);

    /**
     * Adds a version with the next id never given in this policy, the default when {@code makeDefault}.
     *
     * @return the new version's id
     */
    int addVersion(PolicyName name, String document, boolean makeDefault, Instant now, String generationId);

    void setDefaultVersion(PolicyName name, int versionId, Instant now, String generationId);

    /** Returns whether the version existed. */
    boolean deleteVersion(PolicyName name, int versionId);

    /** Attaches (again: nothing changes). */
    void attach(PolicyName name, CertificateId certificate, Instant now);

    /** Returns whether the attachment existed. */
    boolean detach(PolicyName name, CertificateId certificate);

    /** Up to {@code limit} names of the policies attached to {@code certificate}, after {@code after}, by name. */
    List<PolicyName> policiesOf(CertificateId certificate, boolean ascending, @Nullable PolicyName after, int limit);

    /** Up to {@code limit} certificates {@code name} is attached to, after {@code after}, by id. */
    List<CertificateId> targetsOf(PolicyName name, boolean ascending, @Nullable CertificateId after, int limit);

    /** Whether the policy is attached to anything. */
    boolean isAttached(PolicyName name);

    /** How many policies are attached to the certificate. */
    int countForCertificate(CertificateId certificate);

    /** The policy's tags, by key. */
    java.util.SortedMap<String, String> tags(PolicyName name);

    /** Adds the tags, replacing the values of keys that exist. */
    void putTags(PolicyName name, java.util.Map<String, String> tags);

    void removeTags(PolicyName name, java.util.Collection<String> keys);

    /** The default versions of the policies attached to {@code certificate}, by policy name, in one query. */
    List<IotPolicy> attachedTo(CertificateId certificate);
}
