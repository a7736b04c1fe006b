package io.corelink.api.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.corelink.testing.TestServer;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;
import software.amazon.awssdk.services.iam.model.DeleteConflictException;
import software.amazon.awssdk.services.iam.model.EntityAlreadyExistsException;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.iam.model.LimitExceededException;
import software.amazon.awssdk.services.iam.model.ListUsersResponse;
import software.amazon.awssdk.services.iam.model.MalformedPolicyDocumentException;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.Policy;
import software.amazon.awssdk.services.iam.model.PolicyScopeType;
import software.amazon.awssdk.services.iam.model.StatusType;
import software.amazon.awssdk.services.iam.model.Tag;
import software.amazon.awssdk.services.iam.model.User;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

/** IAM users, access keys and policies, and STS GetCallerIdentity, through the real SDK clients: access-control.md §4. */
class IamIdentitiesTest {
    private static final String ACCOUNT = "000000000000";
    private static final String READ_THINGS = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Action\":\"iot:DescribeThing\",\"Resource\":\"*\"}]}";
    private static TestServer server;
    private static IamClient iam;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        iam = server.iam();
    }

    @AfterAll
    static void stop() {
        iam.close();
        server.close();
    }

    @Test
    void users_areCreatedWithPathAndTags_foundInAnyCase_listedByPrefix_andUniqueWhateverTheirCase() {
        User created = iam.createUser(r -> r.userName("Ada").path("/eng/")
                .tags(Tag.builder().key("team").value("core").build())).user();
        assertThat(created.arn()).isEqualTo("arn:aws:iam::" + ACCOUNT + ":user/eng/Ada");
        assertThat(created.userId()).startsWith("AIDA").hasSize(21);
        assertThat(created.path()).isEqualTo("/eng/");
        assertThat(created.createDate()).isNotNull();

        User got = iam.getUser(r -> r.userName("ada")).user();
        assertThat(got.userName()).isEqualTo("Ada");
        assertThat(got.userId()).isEqualTo(created.userId());
        assertThat(got.tags()).containsExactly(Tag.builder().key("team").value("core").build());

        assertThatThrownBy(() -> iam.createUser(r -> r.userName("ADA")))
                .isInstanceOfSatisfying(EntityAlreadyExistsException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(409);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("EntityAlreadyExists");
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("User with name ADA already exists.");
                });
        assertThatThrownBy(() -> iam.getUser(r -> r.userName("nobody")))
                .isInstanceOfSatisfying(NoSuchEntityException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(404);
                    assertThat(e.awsErrorDetails().errorMessage())
                            .isEqualTo("The user with name nobody cannot be found.");
                });

        iam.createUser(r -> r.userName("eng-b").path("/eng/"));
        iam.createUser(r -> r.userName("ops-a").path("/ops/"));
        ListUsersResponse first = iam.listUsers(r -> r.pathPrefix("/eng/").maxItems(1));
        assertThat(first.users()).extracting(User::userName).containsExactly("Ada");
        assertThat(first.isTruncated()).isTrue();
        ListUsersResponse second = iam.listUsers(r -> r.pathPrefix("/eng/").marker(first.marker()));
        assertThat(second.users()).extracting(User::userName).containsExactly("eng-b");
        assertThat(second.isTruncated()).isFalse();
        assertThat(iam.listUsersPaginator(r -> r.maxItems(1)).users().stream().map(User::userName).toList())
                .contains("Ada", "eng-b", "ops-a");

        iam.tagUser(r -> r.userName("ops-a").tags(Tag.builder().key("env").value("prod").build(),
                Tag.builder().key("team").value("ops").build()));
        assertThat(iam.listUserTags(r -> r.userName("ops-a")).tags()).extracting(Tag::key, Tag::value)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("env", "prod"),
                        org.assertj.core.groups.Tuple.tuple("team", "ops"));
    }

    @Test
    void badNames_getTheValidationErrorOfTheModel() {
        assertThatThrownBy(() -> iam.createUser(r -> r.userName("has space")))
                .isInstanceOfSatisfying(IamException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("1 validation error detected: Value "
                            + "'has space' at 'userName' failed to satisfy constraint: Member must satisfy regular "
                            + "expression pattern: [\\w+=,.@-]+");
                });
        assertThatThrownBy(() -> iam.createUser(r -> r.userName("pathless").path("no-slash")))
                .isInstanceOfSatisfying(IamException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError"));
        assertThat(iam.listUsers(r -> r.pathPrefix("/nothing/")).users()).isEmpty();
    }

    @Test
    void accessKeys_atMostTwo_theSecretShownOnce_andAUserWithKeysCannotBeDeleted() {
        iam.createUser(r -> r.userName("keyed"));
        AccessKey first = iam.createAccessKey(r -> r.userName("keyed")).accessKey();
        assertThat(first.accessKeyId()).startsWith("AKIA").hasSize(20);
        assertThat(first.secretAccessKey()).hasSize(40);
        assertThat(first.status()).isEqualTo(StatusType.ACTIVE);
        assertThat(first.userName()).isEqualTo("keyed");
        AccessKey second = iam.createAccessKey(r -> r.userName("keyed")).accessKey();
        assertThatThrownBy(() -> iam.createAccessKey(r -> r.userName("keyed")))
                .isInstanceOfSatisfying(LimitExceededException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(409);
                    assertThat(e.awsErrorDetails().errorMessage())
                            .isEqualTo("Cannot exceed quota for AccessKeysPerUser: 2");
                });
        iam.updateAccessKey(r -> r.userName("keyed").accessKeyId(second.accessKeyId()).status(StatusType.INACTIVE));
        assertThat(iam.listAccessKeys(r -> r.userName("keyed")).accessKeyMetadata())
                .extracting(k -> k.accessKeyId(), k -> k.status())
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(first.accessKeyId(), StatusType.ACTIVE),
                        org.assertj.core.groups.Tuple.tuple(second.accessKeyId(), StatusType.INACTIVE));

        assertThatThrownBy(() -> iam.deleteUser(r -> r.userName("keyed")))
                .isInstanceOfSatisfying(DeleteConflictException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(409);
                    assertThat(e.awsErrorDetails().errorMessage())
                            .isEqualTo("Cannot delete entity, must delete access keys first.");
                });
        assertThatThrownBy(() -> iam.deleteAccessKey(r -> r.userName("keyed").accessKeyId("AKIANOSUCHKEY0000000")))
                .isInstanceOf(NoSuchEntityException.class);
        iam.deleteAccessKey(r -> r.userName("keyed").accessKeyId(first.accessKeyId()));
        iam.deleteAccessKey(r -> r.userName("keyed").accessKeyId(second.accessKeyId()));
        iam.deleteUser(r -> r.userName("keyed"));
        assertThatThrownBy(() -> iam.getUser(r -> r.userName("keyed"))).isInstanceOf(NoSuchEntityException.class);
    }

    @Test
    void inlinePolicies_areValidated_returnedUrlEncoded_andBlockDeletingTheUser() {
        iam.createUser(r -> r.userName("inline"));
        assertThatThrownBy(() -> iam.putUserPolicy(r -> r.userName("inline").policyName("bad")
                .policyDocument("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Maybe\",\"Action\":\"*\","
                        + "\"Resource\":\"*\"}]}")))
                .isInstanceOfSatisfying(MalformedPolicyDocumentException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("MalformedPolicyDocument");
                });
        assertThatThrownBy(() -> iam.putUserPolicy(r -> r.userName("inline").policyName("not-json")
                .policyDocument("{not json")))
                .isInstanceOf(MalformedPolicyDocumentException.class);
        iam.putUserPolicy(r -> r.userName("inline").policyName("Read").policyDocument(READ_THINGS));
        var got = iam.getUserPolicy(r -> r.userName("INLINE").policyName("read"));
        assertThat(got.userName()).isEqualTo("inline");
        assertThat(got.policyName()).isEqualTo("Read");
        assertThat(URLDecoder.decode(got.policyDocument(), StandardCharsets.UTF_8)).isEqualTo(READ_THINGS);
        assertThat(iam.listUserPolicies(r -> r.userName("inline")).policyNames()).containsExactly("Read");
        assertThatThrownBy(() -> iam.deleteUser(r -> r.userName("inline")))
                .isInstanceOfSatisfying(DeleteConflictException.class, e -> assertThat(
                        e.awsErrorDetails().errorMessage()).isEqualTo("Cannot delete entity, must delete policies first."));
        iam.deleteUserPolicy(r -> r.userName("inline").policyName("Read"));
        assertThatThrownBy(() -> iam.getUserPolicy(r -> r.userName("inline").policyName("Read")))
                .isInstanceOf(NoSuchEntityException.class);
        iam.deleteUser(r -> r.userName("inline"));
    }

    @Test
    void managedPolicies_haveVersions_attachments_andAwsConflicts() {
        Policy created = iam.createPolicy(r -> r.policyName("ReadThings").path("/fleet/").policyDocument(READ_THINGS)
                .description("read the registry").tags(Tag.builder().key("owner").value("ops").build())).policy();
        String arn = "arn:aws:iam::" + ACCOUNT + ":policy/fleet/ReadThings";
        assertThat(created.arn()).isEqualTo(arn);
        assertThat(created.defaultVersionId()).isEqualTo("v1");
        assertThat(created.attachmentCount()).isZero();
        assertThat(created.isAttachable()).isTrue();
        assertThatThrownBy(() -> iam.createPolicy(r -> r.policyName("readthings").policyDocument(READ_THINGS)))
                .isInstanceOf(EntityAlreadyExistsException.class);

        var v2 = iam.createPolicyVersion(r -> r.policyArn(arn).policyDocument(READ_THINGS).setAsDefault(true))
                .policyVersion();
        assertThat(v2.versionId()).isEqualTo("v2");
        assertThat(v2.isDefaultVersion()).isTrue();
        Policy got = iam.getPolicy(r -> r.policyArn(arn)).policy();
        assertThat(got.defaultVersionId()).isEqualTo("v2");
        assertThat(got.description()).isEqualTo("read the registry");
        assertThat(got.tags()).containsExactly(Tag.builder().key("owner").value("ops").build());
        var v1 = iam.getPolicyVersion(r -> r.policyArn(arn).versionId("v1")).policyVersion();
        assertThat(v1.isDefaultVersion()).isFalse();
        assertThat(URLDecoder.decode(v1.document(), StandardCharsets.UTF_8)).isEqualTo(READ_THINGS);
        assertThatThrownBy(() -> iam.deletePolicyVersion(r -> r.policyArn(arn).versionId("v2")))
                .isInstanceOfSatisfying(DeleteConflictException.class, e -> assertThat(
                        e.awsErrorDetails().errorMessage()).isEqualTo("Cannot delete the default version of a policy."));
        for (int i = 3; i <= 5; i++) {
            iam.createPolicyVersion(r -> r.policyArn(arn).policyDocument(READ_THINGS));
        }
        assertThatThrownBy(() -> iam.createPolicyVersion(r -> r.policyArn(arn).policyDocument(READ_THINGS)))
                .isInstanceOf(LimitExceededException.class);

        iam.createUser(r -> r.userName("attached"));
        iam.attachUserPolicy(r -> r.userName("attached").policyArn(arn));
        iam.attachUserPolicy(r -> r.userName("attached").policyArn(arn));
        assertThat(iam.listAttachedUserPolicies(r -> r.userName("attached")).attachedPolicies())
                .containsExactly(AttachedPolicy.builder().policyName("ReadThings").policyArn(arn).build());
        assertThat(iam.listPolicies(r -> r.scope(PolicyScopeType.LOCAL).onlyAttached(true)).policies())
                .extracting(Policy::arn).contains(arn);
        assertThat(iam.listPolicies(r -> r.scope(PolicyScopeType.AWS)).policies()).isEmpty();
        assertThat(iam.getPolicy(r -> r.policyArn(arn)).policy().attachmentCount()).isEqualTo(1);
        assertThatThrownBy(() -> iam.deletePolicy(r -> r.policyArn(arn)))
                .isInstanceOfSatisfying(DeleteConflictException.class, e -> assertThat(
                        e.awsErrorDetails().errorMessage()).isEqualTo("Cannot delete a policy attached to entities."));
        assertThatThrownBy(() -> iam.deleteUser(r -> r.userName("attached")))
                .isInstanceOf(DeleteConflictException.class);
        iam.detachUserPolicy(r -> r.userName("attached").policyArn(arn));
        assertThatThrownBy(() -> iam.detachUserPolicy(r -> r.userName("attached").policyArn(arn)))
                .isInstanceOf(NoSuchEntityException.class);
        assertThatThrownBy(() -> iam.deletePolicy(r -> r.policyArn(arn)))
                .isInstanceOf(DeleteConflictException.class); // versions besides the default remain
        for (String version : List.of("v1", "v3", "v4", "v5")) {
            iam.deletePolicyVersion(r -> r.policyArn(arn).versionId(version));
        }
        iam.deletePolicy(r -> r.policyArn(arn));
        assertThatThrownBy(() -> iam.getPolicy(r -> r.policyArn(arn)))
                .isInstanceOfSatisfying(NoSuchEntityException.class, e -> assertThat(e.awsErrorDetails()
                        .errorMessage()).isEqualTo("Policy " + arn + " does not exist or is not attachable."));
    }

    @Test
    void getCallerIdentity_namesTheRoot_orTheUser() {
        try (StsClient root = server.sts(TestServer.ACCESS_KEY_ID, TestServer.SECRET)) {
            GetCallerIdentityResponse identity = root.getCallerIdentity();
            assertThat(identity.account()).isEqualTo(ACCOUNT);
            assertThat(identity.arn()).isEqualTo("arn:aws:iam::" + ACCOUNT + ":root");
            assertThat(identity.userId()).isEqualTo(ACCOUNT);
        }
        User user = iam.createUser(r -> r.userName("whoami")).user();
        AccessKey key = iam.createAccessKey(r -> r.userName("whoami")).accessKey();
        try (StsClient sts = server.sts(key.accessKeyId(), key.secretAccessKey())) {
            GetCallerIdentityResponse identity = sts.getCallerIdentity();
            assertThat(identity.arn()).isEqualTo(user.arn());
            assertThat(identity.userId()).isEqualTo(user.userId());
        }
        try (IamClient self = server.iam(key.accessKeyId(), key.secretAccessKey())) {
            // A user without policies may still ask who it is, but nothing of IAM.
            assertThatThrownBy(() -> self.listAccessKeys()).isInstanceOfSatisfying(IamException.class, e -> {
                assertThat(e.statusCode()).isEqualTo(403);
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
                assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("User: " + user.arn() + " is not authorized "
                        + "to perform: iam:ListAccessKeys on resource: " + user.arn() + " because no identity-based "
                        + "policy allows the iam:ListAccessKeys action");
            });
        }
    }
}
