package io.corelink.api.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.corelink.testing.TestServer;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.greengrassv2.GreengrassV2Client;
import software.amazon.awssdk.services.greengrassv2.model.AccessDeniedException;
import software.amazon.awssdk.services.greengrassv2.model.AssociateClientDeviceWithCoreDeviceEntry;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.iot.IotClient;
import software.amazon.awssdk.services.iot.model.IotException;
import software.amazon.awssdk.services.iot.model.ResourceNotFoundException;

/**
 * Every control-plane call authorized by the caller's IAM policies (access-control.md §5), through the real Greengrass,
 * IoT and IAM clients signed by users' keys: allowed, denied for want of a policy, denied explicitly, scoped by
 * resource ARN, by resource tag and by source address, with AWS's AccessDenied sentence, and nothing changed by a
 * denied call. The administrator key is the account's root and may do everything.
 */
class ControlPlaneAuthorizationTest {
    private static final String ACCOUNT = "000000000000";
    private static final String GG = "arn:aws:greengrass:us-east-1:" + ACCOUNT + ":";
    private static final String IOT = "arn:aws:iot:us-east-1:" + ACCOUNT + ":";
    private static TestServer server;
    private static IamClient admin;
    private static IotClient adminIot;
    private static GreengrassV2Client adminGreengrass;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        admin = server.iam();
        adminIot = server.iot();
        adminGreengrass = server.greengrass();
    }

    @AfterAll
    static void stop() {
        admin.close();
        adminIot.close();
        adminGreengrass.close();
        server.close();
    }

    /** A user with one inline policy and a key. */
    private static AccessKey user(String name, String document) {
        admin.createUser(r -> r.userName(name));
        admin.putUserPolicy(r -> r.userName(name).policyName("p").policyDocument(document));
        return admin.createAccessKey(r -> r.userName(name)).accessKey();
    }

    private static String allow(String actions, String resources) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":" + actions
                + ",\"Resource\":" + resources + "}]}";
    }

    private static String userArn(String name) {
        return "arn:aws:iam::" + ACCOUNT + ":user/" + name;
    }

    private static String implicitDeny(String user, String action, String resource) {
        return "User: " + userArn(user) + " is not authorized to perform: " + action + " on resource: " + resource
                + " because no identity-based policy allows the " + action + " action";
    }

    @Test
    void aProvisioningKey_mayCreateItsThings_andAssociateOnItsCores_andNothingElse() {
        AccessKey key = user("provisioner", allow(
                "[\"iot:CreateThing\",\"iot:DescribeThing\",\"greengrass:BatchAssociateClientDeviceWithCoreDevice\"]",
                "[\"" + IOT + "thing/line1-*\",\"" + GG + "coreDevices:line1-*\"]"));
        try (IotClient iot = server.iot(key.accessKeyId(), key.secretAccessKey());
             GreengrassV2Client greengrass = server.greengrass(key.accessKeyId(), key.secretAccessKey())) {
            iot.createThing(r -> r.thingName("line1-sensor"));
            iot.createThing(r -> r.thingName("line1-core"));
            assertThat(greengrass.batchAssociateClientDeviceWithCoreDevice(r -> r.coreDeviceThingName("line1-core")
                    .entries(AssociateClientDeviceWithCoreDeviceEntry.builder().thingName("line1-sensor").build()))
                    .errorEntries()).isEmpty();

            // Scoped by ARN: another line's thing and core are refused, in each service's shape.
            assertThatThrownBy(() -> iot.createThing(r -> r.thingName("line2-sensor")))
                    .isInstanceOfSatisfying(IotException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(403);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException");
                        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(implicitDeny("provisioner",
                                "iot:CreateThing", IOT + "thing/line2-sensor"));
                    });
            assertThatThrownBy(() -> greengrass.batchAssociateClientDeviceWithCoreDevice(r -> r
                    .coreDeviceThingName("line2-core")
                    .entries(AssociateClientDeviceWithCoreDeviceEntry.builder().thingName("line1-sensor").build())))
                    .isInstanceOfSatisfying(AccessDeniedException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(403);
                        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(implicitDeny("provisioner",
                                "greengrass:BatchAssociateClientDeviceWithCoreDevice", GG + "coreDevices:line2-core"));
                    });
            // Denied for want of any policy: a list needs "*".
            assertThatThrownBy(() -> iot.listThings()).isInstanceOfSatisfying(IotException.class,
                    e -> assertThat(e.awsErrorDetails().errorMessage())
                            .isEqualTo(implicitDeny("provisioner", "iot:ListThings", "*")));
        }
        // Nothing was changed by the denied calls.
        assertThatThrownBy(() -> adminIot.describeThing(r -> r.thingName("line2-sensor")))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThat(adminGreengrass.listClientDevicesAssociatedWithCoreDevice(r -> r.coreDeviceThingName("line1-core"))
                .associatedClientDevices()).hasSize(1);
    }

    @Test
    void anExplicitDeny_beatsAnAllow_andIsWordedSo() {
        AccessKey key = user("denied", "{\"Version\":\"2012-10-17\",\"Statement\":["
                + "{\"Effect\":\"Allow\",\"Action\":\"iot:*\",\"Resource\":\"*\"},"
                + "{\"Sid\":\"KeepIt\",\"Effect\":\"Deny\",\"Action\":\"iot:DeleteThing\",\"Resource\":\""
                + IOT + "thing/keep-*\"}]}");
        adminIot.createThing(r -> r.thingName("keep-me"));
        try (IotClient iot = server.iot(key.accessKeyId(), key.secretAccessKey())) {
            assertThat(iot.describeThing(r -> r.thingName("keep-me")).thingName()).isEqualTo("keep-me");
            assertThatThrownBy(() -> iot.deleteThing(r -> r.thingName("keep-me")))
                    .isInstanceOfSatisfying(IotException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(403);
                        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("User: " + userArn("denied")
                                + " is not authorized to perform: iot:DeleteThing on resource: " + IOT
                                + "thing/keep-me with an explicit deny in an identity-based policy");
                    });
        }
        assertThat(adminIot.describeThing(r -> r.thingName("keep-me")).thingName()).isEqualTo("keep-me");
    }

    @Test
    void aCertificateIdInUpperCase_isAuthorizedAsTheCertificateItNames() {
        String id = adminIot.createKeysAndCertificate(r -> r.setAsActive(true)).certificateId();
        AccessKey key = user("cert-keeper", "{\"Version\":\"2012-10-17\",\"Statement\":["
                + "{\"Effect\":\"Allow\",\"Action\":\"iot:*\",\"Resource\":\"*\"},"
                + "{\"Effect\":\"Deny\",\"Action\":[\"iot:UpdateCertificate\",\"iot:DeleteCertificate\"],"
                + "\"Resource\":\"" + IOT + "cert/" + id + "\"}]}");
        try (IotClient iot = server.iot(key.accessKeyId(), key.secretAccessKey())) {
            for (String spelled : new String[] {id, id.toUpperCase(java.util.Locale.ROOT)}) {
                assertThatThrownBy(() -> iot.updateCertificate(r -> r.certificateId(spelled).newStatus("INACTIVE")))
                        .isInstanceOfSatisfying(IotException.class, e -> assertThat(e.awsErrorDetails()
                                .errorMessage()).endsWith("with an explicit deny in an identity-based policy"));
            }
        }
        assertThat(adminIot.describeCertificate(r -> r.certificateId(id)).certificateDescription().statusAsString())
                .isEqualTo("ACTIVE");
    }

    @Test
    void creatingWithTags_alsoNeedsTheTaggingAction_asOnAws() {
        AccessKey key = user("creator", allow("[\"iam:CreateUser\",\"iam:CreatePolicy\"]", "\"*\""));
        String document = allow("\"iot:DescribeThing\"", "\"*\"");
        try (IamClient iam = server.iam(key.accessKeyId(), key.secretAccessKey())) {
            iam.createUser(r -> r.userName("created-plain"));
            assertThatThrownBy(() -> iam.createUser(r -> r.userName("created-tagged")
                    .tags(software.amazon.awssdk.services.iam.model.Tag.builder().key("team").value("a").build())))
                    .isInstanceOfSatisfying(AwsServiceException.class, e -> assertThat(e.awsErrorDetails()
                            .errorMessage()).isEqualTo(implicitDeny("creator", "iam:TagUser",
                            userArn("created-tagged"))));
            assertThatThrownBy(() -> iam.createPolicy(r -> r.policyName("tagged").policyDocument(document)
                    .tags(software.amazon.awssdk.services.iam.model.Tag.builder().key("team").value("a").build())))
                    .isInstanceOf(AwsServiceException.class);
            // ListPolicies has no resource type: AWS names it "policy path /" and only "*" grants it.
            assertThatThrownBy(() -> iam.listPolicies()).isInstanceOfSatisfying(AwsServiceException.class,
                    e -> assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(implicitDeny("creator",
                            "iam:ListPolicies", "policy path /")));
        }
        assertThatThrownBy(() -> admin.getUser(r -> r.userName("created-tagged")))
                .isInstanceOf(software.amazon.awssdk.services.iam.model.NoSuchEntityException.class);
    }

    @Test
    void aResourceTagCondition_readsTheCoreDevicesStoredTags() {
        adminIot.createThing(r -> r.thingName("tag-client"));
        for (String core : new String[] {"tag-blue", "tag-red"}) {
            adminIot.createThing(r -> r.thingName(core));
            adminGreengrass.batchAssociateClientDeviceWithCoreDevice(r -> r.coreDeviceThingName(core)
                    .entries(AssociateClientDeviceWithCoreDeviceEntry.builder().thingName("tag-client").build()));
        }
        adminGreengrass.tagResource(r -> r.resourceArn(GG + "coreDevices:tag-blue").tags(Map.of("team", "blue")));
        adminGreengrass.tagResource(r -> r.resourceArn(GG + "coreDevices:tag-red").tags(Map.of("team", "red")));
        AccessKey key = user("blue-team", "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                + "\"Action\":\"greengrass:GetCoreDevice\",\"Resource\":\"*\","
                + "\"Condition\":{\"StringEquals\":{\"aws:ResourceTag/team\":\"blue\"}}}]}");
        try (GreengrassV2Client greengrass = server.greengrass(key.accessKeyId(), key.secretAccessKey())) {
            assertThat(greengrass.getCoreDevice(r -> r.coreDeviceThingName("tag-blue")).coreDeviceThingName())
                    .isEqualTo("tag-blue");
            assertThatThrownBy(() -> greengrass.getCoreDevice(r -> r.coreDeviceThingName("tag-red")))
                    .isInstanceOf(AccessDeniedException.class);
            // A retag is seen on the next request of this node.
            adminGreengrass.tagResource(r -> r.resourceArn(GG + "coreDevices:tag-red").tags(Map.of("team", "blue")));
            assertThat(greengrass.getCoreDevice(r -> r.coreDeviceThingName("tag-red")).coreDeviceThingName())
                    .isEqualTo("tag-red");
        }
    }

    @Test
    void requestTags_tagKeys_andTheThingArn_areConditionKeysOfTheCallsThatCarryThem() {
        adminIot.createThing(r -> r.thingName("rt-client"));
        adminIot.createThing(r -> r.thingName("rt-core"));
        adminGreengrass.batchAssociateClientDeviceWithCoreDevice(r -> r.coreDeviceThingName("rt-core")
                .entries(AssociateClientDeviceWithCoreDeviceEntry.builder().thingName("rt-client").build()));
        AccessKey key = user("tagger", "{\"Version\":\"2012-10-17\",\"Statement\":["
                + "{\"Effect\":\"Allow\",\"Action\":\"greengrass:TagResource\",\"Resource\":\"*\","
                + "\"Condition\":{\"StringEquals\":{\"aws:RequestTag/team\":\"blue\"},"
                + "\"ForAllValues:StringEquals\":{\"aws:TagKeys\":[\"team\"]}}},"
                + "{\"Effect\":\"Allow\",\"Action\":[\"iot:AttachThingPrincipal\",\"iot:CreateKeysAndCertificate\"],"
                + "\"Resource\":\"*\",\"Condition\":{\"ArnLike\":{\"iot:thingArn\":\"" + IOT + "thing/rt-c*\"}}}]}");
        try (GreengrassV2Client greengrass = server.greengrass(key.accessKeyId(), key.secretAccessKey());
             IotClient iot = server.iot(key.accessKeyId(), key.secretAccessKey())) {
            greengrass.tagResource(r -> r.resourceArn(GG + "coreDevices:rt-core").tags(Map.of("team", "blue")));
            assertThatThrownBy(() -> greengrass.tagResource(r -> r.resourceArn(GG + "coreDevices:rt-core")
                    .tags(Map.of("team", "red")))).isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(() -> greengrass.tagResource(r -> r.resourceArn(GG + "coreDevices:rt-core")
                    .tags(Map.of("team", "blue", "cost", "1")))).isInstanceOf(AccessDeniedException.class);
            // CreateKeysAndCertificate names no thing: iot:thingArn has no value, so the condition is false.
            assertThatThrownBy(() -> iot.createKeysAndCertificate(r -> r.setAsActive(true)))
                    .isInstanceOf(IotException.class);
        }
        assertThat(adminGreengrass.listTagsForResource(r -> r.resourceArn(GG + "coreDevices:rt-core")).tags())
                .containsExactly(Map.entry("team", "blue"));
        String certificate = adminIot.createKeysAndCertificate(r -> r.setAsActive(true)).certificateArn();
        try (IotClient iot = server.iot(key.accessKeyId(), key.secretAccessKey())) {
            iot.attachThingPrincipal(r -> r.thingName("rt-client").principal(certificate));
            assertThatThrownBy(() -> iot.attachThingPrincipal(r -> r.thingName("rt-other").principal(certificate)))
                    .isInstanceOfSatisfying(IotException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                            .isEqualTo(implicitDeny("tagger", "iot:AttachThingPrincipal", certificate)));
        }
    }

    @Test
    void aSourceIpCondition_matchesTheCallersAddress() {
        AccessKey local = user("from-loopback", "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                + "\"Action\":\"iot:ListThings\",\"Resource\":\"*\","
                + "\"Condition\":{\"IpAddress\":{\"aws:SourceIp\":\"127.0.0.0/8\"}}}]}");
        AccessKey office = user("from-office", "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                + "\"Action\":\"iot:ListThings\",\"Resource\":\"*\","
                + "\"Condition\":{\"IpAddress\":{\"aws:SourceIp\":\"203.0.113.0/24\"}}}]}");
        try (IotClient iot = server.iot(local.accessKeyId(), local.secretAccessKey())) {
            assertThat(iot.listThings().things()).isNotNull();
        }
        try (IotClient iot = server.iot(office.accessKeyId(), office.secretAccessKey())) {
            assertThatThrownBy(() -> iot.listThings()).isInstanceOfSatisfying(IotException.class,
                    e -> assertThat(e.statusCode()).isEqualTo(403));
        }
    }

    @Test
    void policyVariables_andManagedPolicies_apply_andAChangeIsSeenOnTheNextRequest() {
        admin.createUser(r -> r.userName("self-service"));
        AccessKey key = admin.createAccessKey(r -> r.userName("self-service")).accessKey();
        String arn = admin.createPolicy(r -> r.policyName("OwnKeys").policyDocument(allow(
                "[\"iam:ListAccessKeys\",\"iam:GetUser\"]", "\"arn:aws:iam::" + ACCOUNT + ":user/${aws:username}\"")))
                .policy().arn();
        try (IamClient self = server.iam(key.accessKeyId(), key.secretAccessKey())) {
            assertThatThrownBy(() -> self.listAccessKeys()).isInstanceOf(AwsServiceException.class);
            admin.attachUserPolicy(r -> r.userName("self-service").policyArn(arn));
            assertThat(self.listAccessKeys().accessKeyMetadata()).hasSize(1);
            assertThat(self.getUser().user().userName()).isEqualTo("self-service");
            assertThatThrownBy(() -> self.getUser(r -> r.userName("provisioner-other")))
                    .isInstanceOfSatisfying(AwsServiceException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(403);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
                    });
            admin.detachUserPolicy(r -> r.userName("self-service").policyArn(arn));
            assertThatThrownBy(() -> self.listAccessKeys()).isInstanceOf(AwsServiceException.class);
        }
    }

    @Test
    void anInactiveOrDeletedKey_isRefusedAsAnUnknownKey() {
        AccessKey key = user("revoked", allow("\"iot:*\"", "\"*\""));
        try (IotClient iot = server.iot(key.accessKeyId(), key.secretAccessKey())) {
            assertThat(iot.listThings().things()).isNotNull();
            admin.updateAccessKey(r -> r.userName("revoked").accessKeyId(key.accessKeyId()).status("Inactive"));
            assertThatThrownBy(() -> iot.listThings()).isInstanceOfSatisfying(IotException.class, e -> {
                assertThat(e.statusCode()).isEqualTo(403);
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("UnrecognizedClientException");
            });
            admin.updateAccessKey(r -> r.userName("revoked").accessKeyId(key.accessKeyId()).status("Active"));
            assertThat(iot.listThings().things()).isNotNull();
            admin.deleteAccessKey(r -> r.userName("revoked").accessKeyId(key.accessKeyId()));
            assertThatThrownBy(() -> iot.listThings()).isInstanceOfSatisfying(IotException.class,
                    e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("UnrecognizedClientException"));
        }
        try (IamClient iam = server.iam(key.accessKeyId(), key.secretAccessKey())) {
            assertThatThrownBy(() -> iam.listUsers()).isInstanceOfSatisfying(AwsServiceException.class, e -> {
                assertThat(e.statusCode()).isEqualTo(403);
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidClientTokenId");
            });
        }
    }

    @Test
    void corelinksOwnEndpoints_areAuthorizedAsCorelinkActions() {
        adminIot.createThing(r -> r.thingName("diag-thing"));
        AccessKey none = user("no-diagnosis", allow("\"iot:ListThings\"", "\"*\""));
        AccessKey some = user("diagnosis", allow("\"corelink:DiagnoseDiscovery\"", "\"" + IOT + "thing/diag-*\""));
        var denied = server.raw(none.accessKeyId(), none.secretAccessKey())
                .request("GET", "/corelink/v1/discoveryDiagnosis/diag-thing").service("greengrass").send();
        assertThat(denied.status()).isEqualTo(403);
        assertThat(denied.body()).contains(implicitDeny("no-diagnosis", "corelink:DiagnoseDiscovery",
                IOT + "thing/diag-thing"));
        var allowed = server.raw(some.accessKeyId(), some.secretAccessKey())
                .request("GET", "/corelink/v1/discoveryDiagnosis/diag-thing").service("greengrass").send();
        assertThat(allowed.status()).isEqualTo(200);
        // Corelink's own endpoints are signed for the service "corelink" (the diagnosis keeps "greengrass" too).
        var corelinkScoped = server.raw(some.accessKeyId(), some.secretAccessKey())
                .request("GET", "/corelink/v1/discoveryDiagnosis/diag-thing").service("corelink").send();
        assertThat(corelinkScoped.status()).isEqualTo(200);
        var notForGreengrass = server.raw().request("GET", "/greengrass/v2/coreDevices").service("corelink").send();
        assertThat(notForGreengrass.status()).isEqualTo(403);
        assertThat(notForGreengrass.header("x-amzn-ErrorType")).isEqualTo("InvalidSignatureException");
    }
}
