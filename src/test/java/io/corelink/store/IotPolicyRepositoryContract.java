package io.corelink.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.corelink.domain.certificate.Certificate;
import io.corelink.domain.certificate.CertificateId;
import io.corelink.domain.certificate.CertificateStatus;
import io.corelink.domain.iotpolicy.IotPolicy;
import io.corelink.domain.iotpolicy.PolicyName;
import io.corelink.domain.iotpolicy.PolicyVersion;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The contract of {@link IotPolicyRepository}, written once for every store. */
public interface IotPolicyRepositoryContract {

    Store store();

    Instant T0 = Instant.ofEpochMilli(1_764_137_763_512L);

    private static PolicyName name(String value) {
        return PolicyName.of(value);
    }

    private static CertificateId certificate(char fill) {
        return new CertificateId(String.valueOf(fill).repeat(64));
    }

    private void policy(String policy, Instant at) {
        assertThat(store().<Boolean>write(tx -> tx.iotPolicies().insertIfAbsent(name(policy), "doc-" + policy, at,
                "gen-1"))).isTrue();
    }

    private void certificates(String fills) {
        store().write(tx -> {
            for (char fill : fills.toCharArray()) {
                tx.certificates().insertIfAbsent(new Certificate(certificate(fill), "PEM", CertificateStatus.ACTIVE,
                        null, T0, T0, T0, T0.plusSeconds(3600), "g", 1));
            }
            return null;
        });
    }

    @Test
    default void aNewPolicy_hasVersionOneAsItsDefault_andIsCreatedOnce() {
        policy("ip-first", T0);
        assertThat(store().<Boolean>write(tx -> tx.iotPolicies().insertIfAbsent(name("ip-first"), "other", T0,
                "gen-2"))).isFalse();
        assertThat(store().<Optional<IotPolicy>>read(tx -> tx.iotPolicies().find(name("ip-first"))))
                .contains(new IotPolicy(name("ip-first"), 1, "doc-ip-first", T0, T0, "gen-1"));
        assertThat(store().<List<PolicyVersion>>read(tx -> tx.iotPolicies().versions(name("ip-first"))))
                .containsExactly(new PolicyVersion(name("ip-first"), 1, "doc-ip-first", true, T0));
        assertThat(store().<Optional<IotPolicy>>read(tx -> tx.iotPolicies().find(name("ip-none")))).isEmpty();
    }

    @Test
    default void versionIds_countUp_andAreNeverReused() {
        policy("ip-versions", T0);
        Instant later = T0.plusSeconds(5);
        assertThat(store().<Integer>write(tx -> tx.iotPolicies().addVersion(name("ip-versions"), "v2", false, later,
                "gen-2"))).isEqualTo(2);
        assertThat(store().<Integer>write(tx -> tx.iotPolicies().addVersion(name("ip-versions"), "v3", true, later,
                "gen-3"))).isEqualTo(3);
        assertThat(store().<Optional<IotPolicy>>read(tx -> tx.iotPolicies().find(name("ip-versions"))))
                .contains(new IotPolicy(name("ip-versions"), 3, "v3", T0, later, "gen-3"));
        assertThat(store().<Boolean>write(tx -> tx.iotPolicies().deleteVersion(name("ip-versions"), 2))).isTrue();
        assertThat(store().<Boolean>write(tx -> tx.iotPolicies().deleteVersion(name("ip-versions"), 2))).isFalse();
        assertThat(store().<Integer>write(tx -> tx.iotPolicies().addVersion(name("ip-versions"), "v4", false, later,
                "gen-4"))).as("2 is not given again").isEqualTo(4);
        assertThat(store().<List<PolicyVersion>>read(tx -> tx.iotPolicies().versions(name("ip-versions"))))
                .extracting(PolicyVersion::versionId, PolicyVersion::isDefault)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, false), org.assertj.core.groups.Tuple.tuple(3,
                        true), org.assertj.core.groups.Tuple.tuple(4, false));
        store().write(tx -> {
            tx.iotPolicies().setDefaultVersion(name("ip-versions"), 1, later.plusSeconds(1), "gen-5");
            return null;
        });
        assertThat(store().<Optional<PolicyVersion>>read(tx -> tx.iotPolicies().version(name("ip-versions"), 1)))
                .hasValueSatisfying(v -> assertThat(v.isDefault()).isTrue());
        assertThat(store().<Optional<PolicyVersion>>read(tx -> tx.iotPolicies().version(name("ip-versions"), 9)))
                .isEmpty();
    }

    @Test
    default void policies_areKeysetPagedInCreationOrder_bothWays() {
        policy("ip-b", T0);
        policy("ip-a", T0);
        policy("ip-c", T0.plusMillis(1));
        assertThat(store().<List<IotPolicy>>read(tx -> tx.iotPolicies().list(true, null, 2)))
                .extracting(p -> p.name().value()).containsExactly("ip-a", "ip-b");
        assertThat(store().<List<IotPolicy>>read(tx -> tx.iotPolicies().list(true,
                new io.corelink.domain.iotpolicy.PolicyPosition(T0, name("ip-b")), 2)))
                .extracting(p -> p.name().value()).containsExactly("ip-c");
        assertThat(store().<List<IotPolicy>>read(tx -> tx.iotPolicies().list(false, null, 2)))
                .extracting(p -> p.name().value()).containsExactly("ip-c", "ip-b");
        assertThat(store().<List<IotPolicy>>read(tx -> tx.iotPolicies().list(false,
                new io.corelink.domain.iotpolicy.PolicyPosition(T0, name("ip-b")), 2)))
                .extracting(p -> p.name().value()).containsExactly("ip-a");
    }

    @Test
    default void attachments_bothWays_andOnce() {
        policy("ip-x", T0);
        policy("ip-y", T0);
        certificates("abc");
        store().write(tx -> {
            tx.iotPolicies().attach(name("ip-x"), certificate('b'), T0);
            tx.iotPolicies().attach(name("ip-x"), certificate('b'), T0);
            tx.iotPolicies().attach(name("ip-x"), certificate('a'), T0);
            tx.iotPolicies().attach(name("ip-y"), certificate('a'), T0);
            return null;
        });
        assertThat(store().<List<CertificateId>>read(tx -> tx.iotPolicies().targetsOf(name("ip-x"), true, null, 5)))
                .containsExactly(certificate('a'), certificate('b'));
        assertThat(store().<List<CertificateId>>read(tx -> tx.iotPolicies().targetsOf(name("ip-x"), false, null, 1)))
                .containsExactly(certificate('b'));
        assertThat(store().<List<CertificateId>>read(tx -> tx.iotPolicies().targetsOf(name("ip-x"), false,
                certificate('b'), 5))).containsExactly(certificate('a'));
        assertThat(store().<List<PolicyName>>read(tx -> tx.iotPolicies().policiesOf(certificate('a'), true, null, 5)))
                .containsExactly(name("ip-x"), name("ip-y"));
        assertThat(store().<List<PolicyName>>read(tx -> tx.iotPolicies().policiesOf(certificate('a'), true,
                name("ip-x"), 5))).containsExactly(name("ip-y"));
        assertThat(store().<List<PolicyName>>read(tx -> tx.iotPolicies().policiesOf(certificate('a'), false, null,
                5))).containsExactly(name("ip-y"), name("ip-x"));
        assertThat(store().<Integer>read(tx -> tx.iotPolicies().countForCertificate(certificate('a')))).isEqualTo(2);
        assertThat(store().<Integer>read(tx -> tx.iotPolicies().countForCertificate(certificate('c')))).isZero();
        assertThat(store().<List<IotPolicy>>read(tx -> tx.iotPolicies().attachedTo(certificate('a'))))
                .extracting(p -> p.name().value(), IotPolicy::defaultDocument)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("ip-x", "doc-ip-x"),
                        org.assertj.core.groups.Tuple.tuple("ip-y", "doc-ip-y"));
        assertThat(store().<Boolean>read(tx -> tx.iotPolicies().isAttached(name("ip-y")))).isTrue();

        assertThat(store().<Boolean>write(tx -> tx.iotPolicies().detach(name("ip-y"), certificate('a')))).isTrue();
        assertThat(store().<Boolean>write(tx -> tx.iotPolicies().detach(name("ip-y"), certificate('a')))).isFalse();
        assertThat(store().<Boolean>read(tx -> tx.iotPolicies().isAttached(name("ip-y")))).isFalse();
    }

    @Test
    default void tags_areAddedReplacedRemoved_andGoWithThePolicy() {
        policy("ip-tagged", T0);
        store().write(tx -> {
            tx.iotPolicies().putTags(name("ip-tagged"), java.util.Map.of("b", "2", "a", "1"));
            tx.iotPolicies().putTags(name("ip-tagged"), java.util.Map.of("a", "one"));
            tx.iotPolicies().removeTags(name("ip-tagged"), List.of("b", "missing"));
            return null;
        });
        assertThat(store().<java.util.SortedMap<String, String>>read(tx -> tx.iotPolicies().tags(name("ip-tagged"))))
                .containsExactly(java.util.Map.entry("a", "one"));
        store().write(tx -> tx.iotPolicies().delete(name("ip-tagged")));
        policy("ip-tagged", T0);
        assertThat(store().<java.util.SortedMap<String, String>>read(tx -> tx.iotPolicies().tags(name("ip-tagged"))))
                .isEmpty();
    }

    @Test
    default void delete_takesTheVersionsWithIt() {
        policy("ip-doomed", T0);
        store().write(tx -> tx.iotPolicies().addVersion(name("ip-doomed"), "v2", false, T0, "g"));
        assertThat(store().<Boolean>write(tx -> tx.iotPolicies().delete(name("ip-doomed")))).isTrue();
        assertThat(store().<Boolean>write(tx -> tx.iotPolicies().delete(name("ip-doomed")))).isFalse();
        policy("ip-doomed", T0.plusSeconds(1));
        assertThat(store().<List<PolicyVersion>>read(tx -> tx.iotPolicies().versions(name("ip-doomed"))))
                .extracting(PolicyVersion::versionId).containsExactly(1);
    }
}
