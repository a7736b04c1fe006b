package io.corelink.api.iot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.corelink.testing.TestServer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iot.IotClient;
import software.amazon.awssdk.services.iot.model.CreatePolicyResponse;
import software.amazon.awssdk.services.iot.model.CreatePolicyVersionResponse;
import software.amazon.awssdk.services.iot.model.DeleteConflictException;
import software.amazon.awssdk.services.iot.model.GetPolicyResponse;
import software.amazon.awssdk.services.iot.model.GetPolicyVersionResponse;
import software.amazon.awssdk.services.iot.model.InvalidRequestException;
import software.amazon.awssdk.services.iot.model.IotException;
import software.amazon.awssdk.services.iot.model.LimitExceededException;
import software.amazon.awssdk.services.iot.model.ListPoliciesResponse;
import software.amazon.awssdk.services.iot.model.MalformedPolicyException;
import software.amazon.awssdk.services.iot.model.Policy;
import software.amazon.awssdk.services.iot.model.PolicyVersion;
import software.amazon.awssdk.services.iot.model.ResourceAlreadyExistsException;
import software.amazon.awssdk.services.iot.model.ResourceNotFoundException;
import software.amazon.awssdk.services.iot.model.VersionsLimitExceededException;

/** IoT policies through the real {@link IotClient}: access-control.md §2. */
class IotPoliciesTest {
    private static final String ACCOUNT = "arn:aws:iot:us-east-1:000000000000:";
    private static final String DISCOVER = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Action\":[\"greengrass:Discover\"],\"Resource\":[\"arn:aws:iot:us-east-1:000000000000:thing/*\"]}]}";
    private static TestServer server;
    private static IotClient iot;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        iot = server.iot();
    }

    @AfterAll
    static void stop() {
        iot.close();
        server.close();
    }

    private static String document(String action) {
        return "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"" + action
                + "\", \"Resource\": \"*\"}]\n}";
    }

    private static String certificate() {
        return iot.createKeysAndCertificate(r -> r.setAsActive(false)).certificateArn();
    }

    @Test
    void create_get_list_delete_withTheModelsShapes() {
        CreatePolicyResponse created = iot.createPolicy(r -> r.policyName("pol-basic").policyDocument(DISCOVER));
        assertThat(created.policyName()).isEqualTo("pol-basic");
        assertThat(created.policyArn()).isEqualTo(ACCOUNT + "policy/pol-basic");
        assertThat(created.policyDocument()).isEqualTo(DISCOVER);
        assertThat(created.policyVersionId()).isEqualTo("1");

        GetPolicyResponse got = iot.getPolicy(r -> r.policyName("pol-basic"));
        assertThat(got.policyArn()).isEqualTo(ACCOUNT + "policy/pol-basic");
        assertThat(got.policyDocument()).isEqualTo(DISCOVER);
        assertThat(got.defaultVersionId()).isEqualTo("1");
        assertThat(got.creationDate()).isEqualTo(got.lastModifiedDate()).isNotNull();
        assertThat(got.generationId()).isNotBlank();

        assertThat(iot.listPolicies(r -> r.ascendingOrder(true)).policies()).extracting(Policy::policyName)
                .contains("pol-basic");
        iot.deletePolicy(r -> r.policyName("pol-basic"));
        assertThatThrownBy(() -> iot.getPolicy(r -> r.policyName("pol-basic")))
                .isInstanceOfSatisfying(ResourceNotFoundException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(404);
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Policy not found");
                });
        assertThatThrownBy(() -> iot.deletePolicy(r -> r.policyName("pol-basic")))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void aDocumentAwsWouldRefuse_isMalformed_andNothingIsStored() {
        for (String bad : List.of("{", "{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"iot:*\"}]}",
                "{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"iot:*\",\"Resource\":\"*\",\"Condition\":"
                        + "{\"StringEqualz\":{\"aws:username\":\"a\"}}}]}",
                document("iot:" + "x".repeat(2100)))) {
            assertThatThrownBy(() -> iot.createPolicy(r -> r.policyName("pol-bad").policyDocument(bad)))
                    .isInstanceOfSatisfying(MalformedPolicyException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(400);
                        assertThat(e.awsErrorDetails().errorMessage()).isNotBlank();
                    });
        }
        assertThatThrownBy(() -> iot.getPolicy(r -> r.policyName("pol-bad")))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> iot.createPolicy(r -> r.policyName("has space").policyDocument(DISCOVER)))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.statusCode()).isEqualTo(400));
    }

    @Test
    void policyTags_fromCreatePolicyAndTheTaggingOperations() {
        String arn = iot.createPolicy(r -> r.policyName("pol-tags").policyDocument(DISCOVER)
                .tags(t -> t.key("team").value("ops"), t -> t.key("tier").value("1"))).policyArn();
        assertThat(iot.listTagsForResource(r -> r.resourceArn(arn)).tags())
                .extracting(software.amazon.awssdk.services.iot.model.Tag::key,
                        software.amazon.awssdk.services.iot.model.Tag::value)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("team", "ops"),
                        org.assertj.core.groups.Tuple.tuple("tier", "1"));
        iot.tagResource(r -> r.resourceArn(arn).tags(t -> t.key("tier").value("2"), t -> t.key("site").value("")));
        iot.untagResource(r -> r.resourceArn(arn).tagKeys("team", "absent"));
        assertThat(iot.listTagsForResource(r -> r.resourceArn(arn)).tags())
                .extracting(software.amazon.awssdk.services.iot.model.Tag::key,
                        software.amazon.awssdk.services.iot.model.Tag::value)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("site", ""),
                        org.assertj.core.groups.Tuple.tuple("tier", "2"));

        List<software.amazon.awssdk.services.iot.model.Tag> many = new ArrayList<>();
        for (int i = 0; i < 49; i++) {
            many.add(software.amazon.awssdk.services.iot.model.Tag.builder().key("k" + i).value("v").build());
        }
        assertThatThrownBy(() -> iot.tagResource(r -> r.resourceArn(arn).tags(many)))
                .isInstanceOfSatisfying(LimitExceededException.class, e -> assertThat(e.statusCode()).isEqualTo(410));
        assertThat(iot.listTagsForResource(r -> r.resourceArn(arn)).tags()).as("nothing changed").hasSize(2);
        assertThatThrownBy(() -> iot.listTagsForResource(r -> r.resourceArn(ACCOUNT + "thing/some-thing")))
                .isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> iot.listTagsForResource(r -> r.resourceArn(ACCOUNT + "policy/pol-none")))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> iot.createPolicy(r -> r.policyName("pol-bad-tag").policyDocument(DISCOVER)
                .tags(t -> t.key("").value("x")))).isInstanceOf(InvalidRequestException.class);
        List<String> tooMany = new ArrayList<>();
        for (int i = 0; i < 201; i++) {
            tooMany.add("k" + i);
        }
        assertThatThrownBy(() -> iot.untagResource(r -> r.resourceArn(arn).tagKeys(tooMany)))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.statusCode()).isEqualTo(400));
        assertThatThrownBy(() -> iot.untagResource(r -> r.resourceArn(arn).tagKeys("bad\u0001key")))
                .isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> iot.tagResource(r -> r.resourceArn(arn).tags(t -> t.key("nul").value("a\u0000b"))))
                .isInstanceOf(InvalidRequestException.class);
        List<software.amazon.awssdk.services.iot.model.Tag> fiftyOne = new ArrayList<>();
        for (int i = 0; i < 51; i++) {
            fiftyOne.add(software.amazon.awssdk.services.iot.model.Tag.builder().key("k" + i).value("v").build());
        }
        assertThatThrownBy(() -> iot.createPolicy(r -> r.policyName("pol-many-tags").policyDocument(DISCOVER)
                .tags(fiftyOne))).isInstanceOf(InvalidRequestException.class);
                iot.deletePolicy(r -> r.policyName("pol-tags"));
        iot.createPolicy(r -> r.policyName("pol-tags").policyDocument(DISCOVER));
        assertThat(iot.listTagsForResource(r -> r.resourceArn(arn)).tags()).as("gone with the policy").isEmpty();
    }

    @Test
    void aNameInUse_isAConflict_andTheFirstPolicyStays() {
        iot.createPolicy(r -> r.policyName("pol-twice").policyDocument(DISCOVER));
        assertThatThrownBy(() -> iot.createPolicy(r -> r.policyName("pol-twice").policyDocument(document("iot:*"))))
                .isInstanceOfSatisfying(ResourceAlreadyExistsException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(409);
                    assertThat(e.awsErrorDetails().errorMessage())
                            .isEqualTo("Policy cannot be created - name already exists (name=pol-twice)");
                    assertThat(e.resourceArn()).isEqualTo(ACCOUNT + "policy/pol-twice");
                });
        assertThat(iot.getPolicy(r -> r.policyName("pol-twice")).policyDocument()).isEqualTo(DISCOVER);
    }

    @Test
    void versions_countUp_neverReused_atMostFive_andTheDefaultIsProtected() {
        iot.createPolicy(r -> r.policyName("pol-v").policyDocument(document("iot:V1")));
        CreatePolicyVersionResponse v2 = iot.createPolicyVersion(r -> r.policyName("pol-v")
                .policyDocument(document("iot:V2")));
        assertThat(v2.policyVersionId()).isEqualTo("2");
        assertThat(v2.isDefaultVersion()).isFalse();
        assertThat(v2.policyArn()).isEqualTo(ACCOUNT + "policy/pol-v");
        CreatePolicyVersionResponse v3 = iot.createPolicyVersion(r -> r.policyName("pol-v")
                .policyDocument(document("iot:V3")).setAsDefault(true));
        assertThat(v3.isDefaultVersion()).isTrue();
        GetPolicyResponse policy = iot.getPolicy(r -> r.policyName("pol-v"));
        assertThat(policy.defaultVersionId()).isEqualTo("3");
        assertThat(policy.policyDocument()).contains("iot:V3");

        iot.createPolicyVersion(r -> r.policyName("pol-v").policyDocument(document("iot:V4")));
        iot.createPolicyVersion(r -> r.policyName("pol-v").policyDocument(document("iot:V5")));
        assertThatThrownBy(() -> iot.createPolicyVersion(r -> r.policyName("pol-v")
                .policyDocument(document("iot:V6")))).isInstanceOfSatisfying(VersionsLimitExceededException.class,
                        e -> assertThat(e.statusCode()).isEqualTo(409));
        assertThatThrownBy(() -> iot.deletePolicyVersion(r -> r.policyName("pol-v").policyVersionId("3")))
                .isInstanceOfSatisfying(DeleteConflictException.class, e -> assertThat(e.statusCode()).isEqualTo(409));
        assertThatThrownBy(() -> iot.deletePolicy(r -> r.policyName("pol-v")))
                .as("versions besides the default").isInstanceOf(DeleteConflictException.class);

        iot.deletePolicyVersion(r -> r.policyName("pol-v").policyVersionId("2"));
        assertThat(iot.createPolicyVersion(r -> r.policyName("pol-v").policyDocument(document("iot:V6")))
                .policyVersionId()).as("2 is never given again").isEqualTo("6");
        assertThat(iot.listPolicyVersions(r -> r.policyName("pol-v")).policyVersions())
                .extracting(PolicyVersion::versionId, PolicyVersion::isDefaultVersion)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("1", false),
                        org.assertj.core.groups.Tuple.tuple("3", true), org.assertj.core.groups.Tuple.tuple("4", false),
                        org.assertj.core.groups.Tuple.tuple("5", false), org.assertj.core.groups.Tuple.tuple("6", false));

        iot.setDefaultPolicyVersion(r -> r.policyName("pol-v").policyVersionId("1"));
        GetPolicyVersionResponse v1 = iot.getPolicyVersion(r -> r.policyName("pol-v").policyVersionId("1"));
        assertThat(v1.isDefaultVersion()).isTrue();
        assertThat(v1.policyDocument()).contains("iot:V1");
        assertThat(v1.policyName()).isEqualTo("pol-v");
        assertThat(iot.getPolicy(r -> r.policyName("pol-v")).policyDocument()).contains("iot:V1");
        assertThatThrownBy(() -> iot.getPolicyVersion(r -> r.policyName("pol-v").policyVersionId("2")))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> iot.setDefaultPolicyVersion(r -> r.policyName("pol-v").policyVersionId("99")))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> iot.createPolicyVersion(r -> r.policyName("pol-none").policyDocument(DISCOVER)))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void attachments_toCertificates_listedBothWays_andProtectingBothSides() {
        iot.createPolicy(r -> r.policyName("pol-a").policyDocument(DISCOVER));
        iot.createPolicy(r -> r.policyName("pol-b").policyDocument(document("iot:*")));
        String certificate = certificate();
        iot.attachPolicy(r -> r.policyName("pol-b").target(certificate));
        iot.attachPolicy(r -> r.policyName("pol-a").target(certificate));
        iot.attachPolicy(r -> r.policyName("pol-a").target(certificate));

        assertThat(iot.listAttachedPolicies(r -> r.target(certificate)).policies())
                .extracting(Policy::policyName, Policy::policyArn)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("pol-a", ACCOUNT + "policy/pol-a"),
                        org.assertj.core.groups.Tuple.tuple("pol-b", ACCOUNT + "policy/pol-b"));
        assertThat(iot.listTargetsForPolicy(r -> r.policyName("pol-a")).targets()).containsExactly(certificate);
        assertThat(iot.getEffectivePolicies(r -> r.principal(certificate)).effectivePolicies())
                .extracting(p -> p.policyName(), p -> p.policyDocument())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("pol-a", DISCOVER),
                        org.assertj.core.groups.Tuple.tuple("pol-b", document("iot:*")));

        assertThatThrownBy(() -> iot.deletePolicy(r -> r.policyName("pol-a")))
                .isInstanceOfSatisfying(DeleteConflictException.class, e -> assertThat(e.statusCode()).isEqualTo(409));
        String id = certificate.substring(certificate.lastIndexOf('/') + 1);
        assertThatThrownBy(() -> iot.deleteCertificate(r -> r.certificateId(id)))
                .isInstanceOfSatisfying(DeleteConflictException.class, e -> assertThat(e.awsErrorDetails()
                        .errorMessage()).isEqualTo("Certificate policies must be detached before deletion (arn: "
                        + certificate + ")"));

        iot.detachPolicy(r -> r.policyName("pol-a").target(certificate));
        iot.detachPolicy(r -> r.policyName("pol-a").target(certificate));
        assertThat(iot.listTargetsForPolicy(r -> r.policyName("pol-a")).targets()).isEmpty();
        iot.deletePolicy(r -> r.policyName("pol-a"));
        iot.deleteCertificate(r -> r.certificateId(id).forceDelete(true));
        assertThat(iot.listTargetsForPolicy(r -> r.policyName("pol-b")).targets()).as("force detaches").isEmpty();
    }

    @Test
    void targetsThatAreNotCertificatesOfThisAccount_areRefused() {
        iot.createPolicy(r -> r.policyName("pol-t").policyDocument(DISCOVER));
        assertThatThrownBy(() -> iot.attachPolicy(r -> r.policyName("pol-t")
                .target(ACCOUNT + "thinggroup/floor-1"))).isInstanceOfSatisfying(InvalidRequestException.class,
                        e -> assertThat(e.awsErrorDetails().errorMessage()).contains("no thing groups"));
        assertThatThrownBy(() -> iot.attachPolicy(r -> r.policyName("pol-t")
                .target(ACCOUNT + "cert/" + "a".repeat(64)))).isInstanceOfSatisfying(ResourceNotFoundException.class,
                        e -> assertThat(e.statusCode()).isEqualTo(404));
        String certificate = certificate();
        assertThatThrownBy(() -> iot.attachPolicy(r -> r.policyName("pol-none").target(certificate)))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> iot.attachPolicy(r -> r.policyName("pol-t")
                .target(certificate.replace("us-east-1", "eu-west-1")))).isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void aCertificateHoldsAtMostTenPolicies() {
        String certificate = certificate();
        for (int i = 0; i < 10; i++) {
            String name = "pol-ten-" + i;
            iot.createPolicy(r -> r.policyName(name).policyDocument(DISCOVER));
            iot.attachPolicy(r -> r.policyName(name).target(certificate));
        }
        iot.attachPolicy(r -> r.policyName("pol-ten-3").target(certificate));
        iot.createPolicy(r -> r.policyName("pol-ten-x").policyDocument(DISCOVER));
        assertThatThrownBy(() -> iot.attachPolicy(r -> r.policyName("pol-ten-x").target(certificate)))
                .isInstanceOfSatisfying(LimitExceededException.class, e -> assertThat(e.statusCode()).isEqualTo(410));
    }

    @Test
    void theOlderPrincipalOperations_workOnTheSameAttachments() {
        iot.createPolicy(r -> r.policyName("pol-old").policyDocument(DISCOVER));
        String certificate = certificate();
        iot.attachPrincipalPolicy(r -> r.policyName("pol-old").principal(certificate));
        assertThat(iot.listPrincipalPolicies(r -> r.principal(certificate).ascendingOrder(true)).policies())
                .extracting(Policy::policyName).containsExactly("pol-old");
        assertThat(iot.listPolicyPrincipals(r -> r.policyName("pol-old")).principals()).containsExactly(certificate);
        assertThat(iot.listAttachedPolicies(r -> r.target(certificate)).policies()).extracting(Policy::policyName)
                .containsExactly("pol-old");
        iot.detachPrincipalPolicy(r -> r.policyName("pol-old").principal(certificate));
        assertThat(iot.listPolicyPrincipals(r -> r.policyName("pol-old")).principals()).isEmpty();
        assertThatThrownBy(() -> iot.detachPrincipalPolicy(r -> r.policyName("pol-never").principal(certificate)))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void policies_areKeysetPaged_withMarkersBoundToTheirListing() {
        for (String name : List.of("pol-page-1", "pol-page-2", "pol-page-3", "pol-page-4", "pol-page-5")) {
            iot.createPolicy(r -> r.policyName(name).policyDocument(DISCOVER));
        }
        List<String> seen = new ArrayList<>();
        String marker = null;
        do {
            String current = marker;
            ListPoliciesResponse page = iot.listPolicies(r -> r.pageSize(2).ascendingOrder(true).marker(current));
            assertThat(page.policies()).hasSizeLessThanOrEqualTo(2);
            page.policies().forEach(p -> seen.add(p.policyName()));
            marker = page.nextMarker();
        } while (marker != null);
        assertThat(seen.stream().filter(n -> n.startsWith("pol-page-")))
                .containsExactly("pol-page-1", "pol-page-2", "pol-page-3", "pol-page-4", "pol-page-5");
        assertThat(seen).doesNotHaveDuplicates();

        String ascendingMarker = iot.listPolicies(r -> r.pageSize(1).ascendingOrder(true)).nextMarker();
        assertThatThrownBy(() -> iot.listPolicies(r -> r.pageSize(1).ascendingOrder(false).marker(ascendingMarker)))
                .isInstanceOfSatisfying(IotException.class, e -> assertThat(e.statusCode()).isEqualTo(400));
        assertThat(iot.listPolicies(r -> r.pageSize(250)).policies().get(0).policyName())
                .as("newest first by default").isNotEqualTo("pol-page-1");
    }
}
