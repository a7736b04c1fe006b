package io.corelink.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.corelink.domain.iam.AccessKeyInfo;
import io.corelink.domain.iam.AccessKeyStatus;
import io.corelink.domain.iam.IamUser;
import io.corelink.domain.iam.IdentityPolicy;
import io.corelink.domain.iam.KeyOwner;
import io.corelink.domain.iam.ManagedPolicy;
import io.corelink.domain.iam.ManagedPolicyVersion;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The contract of {@link IamRepository}, written once for every store. */
public interface IamRepositoryContract {

    Store store();

    Instant T0 = Instant.ofEpochMilli(1_764_137_763_000L);

    private IamUser user(String name, String path) {
        IamUser user = new IamUser(name, "AIDA" + name.toUpperCase(java.util.Locale.ROOT), path, T0);
        assertThat(store().<Boolean>write(tx -> tx.iam().insertUser(user))).isTrue();
        return user;
    }

    private ManagedPolicy policy(String name, String path, String document) {
        ManagedPolicy policy = new ManagedPolicy(name, "ANPA" + name, path, "about " + name, 1, 0, T0, T0);
        assertThat(store().<Boolean>write(tx -> tx.iam().insertPolicy(policy, document, Map.of("team", "a"))))
                .isTrue();
        return policy;
    }

    @Test
    default void userNames_areUniqueWhateverTheirCase_andFoundInAnyCase() {
        IamUser alice = user("Iam-Alice", "/ops/");
        assertThat(store().<Boolean>write(tx -> tx.iam().insertUser(new IamUser("iam-alice", "AIDAX", "/", T0))))
                .isFalse();
        assertThat(store().<Optional<IamUser>>read(tx -> tx.iam().findUser("IAM-ALICE"))).contains(alice);
        assertThat(store().<Optional<IamUser>>read(tx -> tx.iam().findUser("iam-nobody"))).isEmpty();
    }

    @Test
    default void users_arePagedByLowerCaseName_withinAPathPrefix() {
        user("iam-page-b", "/p1/");
        user("Iam-Page-A", "/p1/sub/");
        user("iam-page-c", "/p2/");
        List<String> first = store().read(tx -> tx.iam().listUsers("/p1/", "iam-page", 1)).stream()
                .map(IamUser::name).toList();
        assertThat(first).containsExactly("Iam-Page-A");
        List<String> next = store().read(tx -> tx.iam().listUsers("/p1/", "iam-page-a", 10)).stream()
                .map(IamUser::name).toList();
        assertThat(next).containsExactly("iam-page-b");
        assertThat(store().<List<IamUser>>read(tx -> tx.iam().listUsers("/p%/", null, 10))).isEmpty();
    }

    @Test
    default void keys_belongToTheirUser_andOnlyActiveOnesSign() {
        IamUser user = user("iam-keys", "/");
        store().write(tx -> {
            tx.iam().insertAccessKey("IAM-KEYS", "AKIAIAMKEYSTEST00001", "secret-1", T0);
            tx.iam().putUserPolicy("iam-keys", "Inline", "{\"inline\":1}");
            return null;
        });
        ManagedPolicy managed = policy("iam-keys-managed", "/", "{\"managed\":1}");
        store().write(tx -> tx.iam().attachUserPolicy("iam-keys", managed.name()));
        assertThat(store().<List<AccessKeyInfo>>read(tx -> tx.iam().listAccessKeys("iam-keys")))
                .containsExactly(new AccessKeyInfo("AKIAIAMKEYSTEST00001", "iam-keys", AccessKeyStatus.Active, T0));
        Optional<KeyOwner> owner = store().read(tx -> tx.iam().activeKey("AKIAIAMKEYSTEST00001"));
        assertThat(owner).isPresent();
        assertThat(owner.get().user()).isEqualTo(user);
        assertThat(owner.get().secret()).isEqualTo("secret-1");
        assertThat(owner.get().policies()).containsExactlyInAnyOrder(new IdentityPolicy("Inline", "{\"inline\":1}"),
                new IdentityPolicy("iam-keys-managed", "{\"managed\":1}"));
        assertThat(owner.get().toString()).doesNotContain("secret-1");

        assertThat(store().<Boolean>write(tx -> tx.iam().updateAccessKey("iam-keys", "AKIAIAMKEYSTEST00001",
                AccessKeyStatus.Inactive))).isTrue();
        assertThat(store().<Optional<KeyOwner>>read(tx -> tx.iam().activeKey("AKIAIAMKEYSTEST00001"))).isEmpty();
        assertThat(store().<Boolean>write(tx -> tx.iam().updateAccessKey("other", "AKIAIAMKEYSTEST00001",
                AccessKeyStatus.Active))).isFalse();
        assertThat(store().<int[]>read(tx -> tx.iam().dependents("iam-keys"))).containsExactly(1, 1, 1);
        assertThat(store().<Boolean>write(tx -> tx.iam().deleteAccessKey("iam-keys", "AKIAIAMKEYSTEST00001")))
                .isTrue();
        assertThat(store().<Boolean>write(tx -> tx.iam().deleteAccessKey("iam-keys", "AKIAIAMKEYSTEST00001")))
                .isFalse();
    }

    @Test
    default void theAdministratorKey_isOwnedByNoUser() {
        store().write(tx -> {
            tx.credentials().replaceAdministratorKey("AKIAIAMADMINTEST0001", "admin-secret", T0);
            return null;
        });
        Optional<KeyOwner> owner = store().read(tx -> tx.iam().activeKey("AKIAIAMADMINTEST0001"));
        assertThat(owner).isPresent();
        assertThat(owner.get().isRoot()).isTrue();
        assertThat(owner.get().policies()).isEmpty();
    }

    @Test
    default void inlinePolicies_arePutOverWhateverTheNamesCase_andListedInOrder() {
        user("iam-inline", "/");
        store().write(tx -> {
            tx.iam().putUserPolicy("iam-inline", "Beta", "{\"b\":1}");
            tx.iam().putUserPolicy("iam-inline", "alpha", "{\"a\":1}");
            tx.iam().putUserPolicy("iam-inline", "BETA", "{\"b\":2}");
            return null;
        });
        assertThat(store().<List<String>>read(tx -> tx.iam().listUserPolicyNames("iam-inline", null, 10)))
                .containsExactly("alpha", "BETA");
        assertThat(store().<Optional<String[]>>read(tx -> tx.iam().findUserPolicy("iam-inline", "beta")))
                .hasValueSatisfying(found -> assertThat(found).containsExactly("BETA", "{\"b\":2}"));
        assertThat(store().<List<String>>read(tx -> tx.iam().listUserPolicyNames("iam-inline", "alpha", 10)))
                .containsExactly("BETA");
        assertThat(store().<List<IdentityPolicy>>read(tx -> tx.iam().inlinePolicies("IAM-INLINE")))
                .containsExactlyInAnyOrder(new IdentityPolicy("alpha", "{\"a\":1}"),
                        new IdentityPolicy("BETA", "{\"b\":2}"));
        assertThat(store().<Boolean>write(tx -> tx.iam().deleteUserPolicy("iam-inline", "Alpha"))).isTrue();
        assertThat(store().<Boolean>write(tx -> tx.iam().deleteUserPolicy("iam-inline", "Alpha"))).isFalse();
    }

    @Test
    default void managedPolicyVersions_countUp_neverReused_andTheDefaultMoves() {
        ManagedPolicy policy = policy("iam-versions", "/v/", "{\"v\":1}");
        assertThat(store().<Optional<ManagedPolicy>>read(tx -> tx.iam().findPolicy("IAM-VERSIONS")))
                .contains(policy);
        assertThat(store().<Map<String, String>>read(tx -> tx.iam().policyTags("iam-versions")))
                .containsExactly(Map.entry("team", "a"));
        Instant t1 = T0.plusSeconds(1);
        int two = store().write(tx -> tx.iam().insertPolicyVersion("iam-versions", "{\"v\":2}", t1));
        assertThat(two).isEqualTo(2);
        store().write(tx -> {
            tx.iam().setDefaultPolicyVersion("iam-versions", 2, t1);
            return tx.iam().deletePolicyVersion("iam-versions", 1);
        });
        int three = store().write(tx -> tx.iam().insertPolicyVersion("iam-versions", "{\"v\":3}", t1));
        assertThat(three).isEqualTo(3);
        assertThat(store().<List<ManagedPolicyVersion>>read(tx -> tx.iam().policyVersions("iam-versions")))
                .containsExactly(new ManagedPolicyVersion(2, "{\"v\":2}", true, t1),
                        new ManagedPolicyVersion(3, "{\"v\":3}", false, t1));
        assertThat(store().<Optional<ManagedPolicy>>read(tx -> tx.iam().findPolicy("iam-versions")))
                .hasValueSatisfying(found -> {
                    assertThat(found.defaultVersion()).isEqualTo(2);
                    assertThat(found.updatedAt()).isEqualTo(t1);
                });
        store().write(tx -> {
            tx.iam().deletePolicy("iam-versions");
            return null;
        });
        assertThat(store().<Optional<ManagedPolicy>>read(tx -> tx.iam().findPolicy("iam-versions"))).isEmpty();
    }

    @Test
    default void attachments_countPerPolicy_andListOnlyAttachedOnes() {
        user("iam-attach", "/");
        ManagedPolicy one = policy("iam-attach-one", "/a/", "{}");
        policy("iam-attach-two", "/b/", "{}");
        assertThat(store().<Boolean>write(tx -> tx.iam().attachUserPolicy("iam-attach", one.name()))).isTrue();
        assertThat(store().<Boolean>write(tx -> tx.iam().attachUserPolicy("IAM-ATTACH", "IAM-ATTACH-ONE")))
                .isFalse();
        assertThat(store().<List<ManagedPolicy>>read(tx -> tx.iam().attachedPolicies("iam-attach", "/", null, 10)))
                .extracting(ManagedPolicy::name, ManagedPolicy::attachmentCount)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("iam-attach-one", 1));
        assertThat(store().<List<ManagedPolicy>>read(tx -> tx.iam().listPolicies("/", true, "iam-attach", 10)))
                .extracting(ManagedPolicy::name).containsExactly("iam-attach-one");
        assertThat(store().<List<ManagedPolicy>>read(tx -> tx.iam().listPolicies("/b/", false, "iam-attach", 10)))
                .extracting(ManagedPolicy::name).containsExactly("iam-attach-two");
        assertThat(store().<Boolean>write(tx -> tx.iam().detachUserPolicy("iam-attach", "iam-attach-one"))).isTrue();
        assertThat(store().<Boolean>write(tx -> tx.iam().detachUserPolicy("iam-attach", "iam-attach-one"))).isFalse();
    }

    @Test
    default void userTags_areAddedAndReplaced_andGoWithTheUser() {
        user("iam-tags", "/");
        store().write(tx -> {
            tx.iam().putUserTags("iam-tags", Map.of("team", "a", "env", "dev"));
            tx.iam().putUserTags("IAM-TAGS", Map.of("team", "b"));
            return null;
        });
        assertThat(store().<Map<String, String>>read(tx -> tx.iam().userTags("iam-tags")))
                .containsExactly(Map.entry("env", "dev"), Map.entry("team", "b"));
        store().write(tx -> {
            tx.iam().deleteUser("iam-tags");
            return null;
        });
        assertThat(store().<Optional<IamUser>>read(tx -> tx.iam().findUser("iam-tags"))).isEmpty();
        assertThat(store().<Map<String, String>>read(tx -> tx.iam().userTags("iam-tags"))).isEmpty();
    }
}
