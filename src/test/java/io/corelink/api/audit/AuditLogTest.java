package io.corelink.api.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.corelink.testing.DevicePolicies;
import io.corelink.testing.RawClient;
import io.corelink.testing.TestDevice;
import io.corelink.testing.TestServer;
import io.corelink.wire.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.greengrassv2.GreengrassV2Client;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.iot.IotClient;
import software.amazon.awssdk.services.iot.model.CreateKeysAndCertificateResponse;
import software.amazon.awssdk.services.iot.model.CreateThingResponse;
import software.amazon.awssdk.services.iot.model.ResourceAlreadyExistsException;
import tools.jackson.databind.JsonNode;

/**
 * The audit log (operations.md §3) through the real AWS clients: a change is recorded with CloudTrail's members, a read
 * and a failed change are not, a denial and a failed authentication are, on both planes; no secret or private key is
 * ever in a record; lookups filter and page newest first.
 */
class AuditLogTest {
    private static final String ACCOUNT = "000000000000";
    private static TestServer server;
    private static IotClient iot;
    private static GreengrassV2Client greengrass;
    private static IamClient iam;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        iot = server.iot();
        greengrass = server.greengrass();
        iam = server.iam();
    }

    @AfterAll
    static void stop() {
        iot.close();
        greengrass.close();
        iam.close();
        server.close();
    }

    /** The events of one lookup page, signed by the administrator. */
    private static JsonNode lookup(String query) {
        RawClient.RawResponse response = server.raw().request("GET", "/corelink/v1/auditEvents" + query)
                .service("greengrass").send();
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return Json.parse(response.body().getBytes(StandardCharsets.UTF_8));
    }

    private static List<JsonNode> events(String query) {
        List<JsonNode> events = new ArrayList<>();
        lookup(query).get("events").forEach(events::add);
        return events;
    }

    /**
     * The events of a lookup once there are {@code count}: a refusal is recorded just after its answer is sent, so
     * a client that asks at once may be a few milliseconds early.
     */
    private static List<JsonNode> events(String query, int count) {
        return io.corelink.testing.Eventually.until(() -> events(query), events -> events.size() >= count);
    }

    @Test
    void aChange_isRecordedAsCloudTrailRecordsIt_andAReadOrAFailedChangeIsNot() {
        CreateThingResponse created = iot.createThing(r -> r.thingName("audit-sensor")
                .attributePayload(a -> a.attributes(Map.of("line", "1"))));
        iot.describeThing(r -> r.thingName("audit-sensor"));
        assertThatThrownBy(() -> iot.createThing(r -> r.thingName("audit-sensor")
                .attributePayload(a -> a.attributes(Map.of("line", "2")))))
                .isInstanceOf(ResourceAlreadyExistsException.class);

        List<JsonNode> events = events("?eventName=CreateThing").stream()
                .filter(e -> "audit-sensor".equals(e.get("requestParameters").path("thingName").asString(null)))
                .toList();
        assertThat(events).as("the failed CreateThing rolled back, its record with it").hasSize(1);
        JsonNode event = events.get(0);
        assertThat(event.get("eventVersion").asString()).isEqualTo("1.11");
        assertThat(event.get("eventSource").asString()).isEqualTo("iot.amazonaws.com");
        assertThat(event.get("eventName").asString()).isEqualTo("CreateThing");
        assertThat(event.get("awsRegion").asString()).isEqualTo("us-east-1");
        assertThat(event.get("sourceIPAddress").asString()).isEqualTo("127.0.0.1");
        assertThat(event.get("userAgent").asString()).contains("aws-sdk-java");
        assertThat(event.get("eventTime").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        assertThat(event.get("requestID").asString()).isEqualTo(created.responseMetadata().requestId());
        assertThat(event.get("eventID").asString()).hasSize(36);
        assertThat(event.get("readOnly").asBoolean()).isFalse();
        assertThat(event.has("errorCode")).isFalse();
        assertThat(event.get("recipientAccountId").asString()).isEqualTo(ACCOUNT);
        JsonNode identity = event.get("userIdentity");
        assertThat(identity.get("type").asString()).isEqualTo("Root");
        assertThat(identity.get("arn").asString()).isEqualTo("arn:aws:iam::" + ACCOUNT + ":root");
        assertThat(identity.get("accessKeyId").asString()).isEqualTo(TestServer.ACCESS_KEY_ID);
        assertThat(event.get("requestParameters").get("thingName").asString()).isEqualTo("audit-sensor");
        assertThat(event.get("requestParameters").get("attributePayload").get("attributes").get("line").asString())
                .isEqualTo("1");
        assertThat(events("?eventName=DescribeThing")).as("a read is not recorded").isEmpty();
    }

    @Test
    void noSecretNorPrivateKey_isEverInARecord() {
        CreateKeysAndCertificateResponse keys = iot.createKeysAndCertificate(r -> r.setAsActive(true));
        iam.createUser(r -> r.userName("audit-keyholder"));
        AccessKey key = iam.createAccessKey(r -> r.userName("audit-keyholder")).accessKey();

        String all = lookup("?maxResults=50").toString();
        assertThat(all).contains("CreateKeysAndCertificate").contains("CreateAccessKey")
                .doesNotContain(keys.keyPair().privateKey().substring(40, 80))
                .doesNotContain(key.secretAccessKey()).doesNotContain(TestServer.SECRET);
        JsonNode createUser = events("?eventName=CreateUser").get(0);
        assertThat(createUser.get("eventSource").asString()).isEqualTo("iam.amazonaws.com");
        assertThat(createUser.get("requestParameters").get("userName").asString()).isEqualTo("audit-keyholder");

        // A member that holds a secret is hidden wherever it is, as CloudTrail does.
        assertThat(io.corelink.wire.pipeline.RequestParameters.hideSecrets(Json.parse(("{\"a\":{\"privateKey\":\"k\","
                + "\"b\":[{\"SecretAccessKey\":\"s\"}]},\"thingName\":\"t\"}").getBytes(StandardCharsets.UTF_8)))
                .toString()).isEqualTo("{\"a\":{\"privateKey\":\"HIDDEN_DUE_TO_SECURITY_REASONS\",\"b\":"
                + "[{\"SecretAccessKey\":\"HIDDEN_DUE_TO_SECURITY_REASONS\"}]},\"thingName\":\"t\"}");
    }

    @Test
    void aDenial_andAFailedAuthentication_areRecorded_withWhoTried() {
        iam.createUser(r -> r.userName("audit-reader"));
        iam.putUserPolicy(r -> r.userName("audit-reader").policyName("read").policyDocument(
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"iot:Describe*\","
                        + "\"Resource\":\"*\"}]}"));
        AccessKey key = iam.createAccessKey(r -> r.userName("audit-reader")).accessKey();
        try (IotClient reader = server.iot(key.accessKeyId(), key.secretAccessKey())) {
            assertThatThrownBy(() -> reader.deleteThing(r -> r.thingName("audit-denied")))
                    .hasMessageContaining("is not authorized to perform: iot:DeleteThing");
        }
        try (IotClient forger = server.iot(key.accessKeyId(), "not-the-secret-0000000000000000000000000");
             IotClient stranger = server.iot("AKIAUNKNOWNKEY000001", "not-the-secret-0000000000000000000000000")) {
            assertThatThrownBy(() -> forger.createThing(r -> r.thingName("audit-forged")));
            assertThatThrownBy(() -> stranger.createThing(r -> r.thingName("audit-stranger")));
        }

        JsonNode denied = events("?eventName=DeleteThing", 1).get(0);
        assertThat(denied.get("errorCode").asString()).isEqualTo("AccessDeniedException");
        assertThat(denied.get("errorMessage").asString()).startsWith("User: arn:aws:iam::" + ACCOUNT
                + ":user/audit-reader is not authorized to perform: iot:DeleteThing");
        assertThat(denied.get("userIdentity").get("type").asString()).isEqualTo("IAMUser");
        assertThat(denied.get("userIdentity").get("userName").asString()).isEqualTo("audit-reader");
        assertThat(denied.get("userIdentity").get("accessKeyId").asString()).isEqualTo(key.accessKeyId());
        assertThat(denied.get("requestParameters").get("thingName").asString()).isEqualTo("audit-denied");
        assertThat(denied.get("readOnly").asBoolean()).isFalse();

        List<JsonNode> failed = events("?eventName=CreateThing&principal=" + key.accessKeyId(), 1);
        assertThat(failed).hasSize(1);
        assertThat(failed.get(0).get("errorCode").asString()).isEqualTo("InvalidSignatureException");
        assertThat(failed.get(0).get("userIdentity").get("arn").asString())
                .isEqualTo("arn:aws:iam::" + ACCOUNT + ":user/audit-reader");
        assertThat(failed.get(0).get("requestParameters").isNull())
                .as("an unauthenticated request's parameters are not kept").isTrue();
        JsonNode unknown = events("?principal=AKIAUNKNOWNKEY000001", 1).get(0);
        assertThat(unknown.get("errorCode").asString()).isEqualTo("UnrecognizedClientException");
        assertThat(unknown.get("userIdentity").get("type").asString()).isEqualTo("Unknown");

        // A request without any credentials is no authentication attempt, in either protocol: not recorded.
        assertThat(server.raw().request("POST", "/").body("Action=ListUsers&Version=2010-05-08")
                .header("Content-Type", "application/x-www-form-urlencoded").unsigned().send().status())
                .isEqualTo(403);
        assertThat(server.raw().request("GET", "/things").unsigned().send().status()).isEqualTo(403);
        assertThat(events("?eventName=ListUsers")).isEmpty();
        assertThat(events("?eventName=ListThings")).isEmpty();

        List<JsonNode> byArn = events("?principal=arn:aws:iam::" + ACCOUNT + ":user/audit-reader");
        assertThat(byArn).extracting(e -> e.get("eventName").asString()).containsExactly("CreateThing", "DeleteThing");
    }

    @Test
    void theDataPlane_recordsACoreSideChange_andADenial_asTheCertificate() throws IOException {
        TestDevice core = TestDevice.register(iot, server, "audit:core");
        TestDevice sensor = TestDevice.register(iot, server, "audit-plane-sensor");
        DevicePolicies.allowGreengrass(iot, core.certificateArn());
        DevicePolicies.allowGreengrass(iot, sensor.certificateArn());
        String body = "{\"ConnectivityInfo\":[{\"Id\":\"a\",\"HostAddress\":\"10.0.0.1\",\"PortNumber\":8883}]}";
        assertThat(core.client().send("PUT", "/greengrass/things/audit:core/connectivityInfo", body).status())
                .isEqualTo(200);
        assertThat(sensor.client().send("PUT", "/greengrass/things/audit:core/connectivityInfo", body).status())
                .isEqualTo(403);

        List<JsonNode> events = events("?eventName=UpdateConnectivityInfo", 2);
        assertThat(events).hasSize(2);
        JsonNode denied = events.get(0);
        JsonNode changed = events.get(1);
        assertThat(changed.get("eventSource").asString()).isEqualTo("greengrass.amazonaws.com");
        assertThat(changed.get("userIdentity").get("type").asString()).isEqualTo("Certificate");
        assertThat(changed.get("userIdentity").get("certificateId").asString()).isEqualTo(core.certificateId());
        assertThat(changed.get("userIdentity").get("arn").asString()).isEqualTo(core.certificateArn());
        assertThat(changed.get("requestParameters").get("thingName").asString()).isEqualTo("audit:core");
        assertThat(changed.has("errorCode")).isFalse();
        assertThat(denied.get("userIdentity").get("certificateId").asString()).isEqualTo(sensor.certificateId());
        assertThat(denied.get("errorCode").asString()).isEqualTo("AccessDeniedException");
    }

    @Test
    void lookups_pageNewestFirst_withinATimeRange_andRefuseBadFilters() {
        iot.createThing(r -> r.thingName("audit-paged"));
        for (int i = 0; i < 5; i++) {
            int n = i;
            iot.updateThing(r -> r.thingName("audit-paged").attributePayload(a -> a.attributes(
                    Map.of("n", Integer.toString(n)))));
        }
        List<String> tags = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            JsonNode page = lookup("?eventName=UpdateThing&maxResults=2"
                    + (token == null ? "" : "&nextToken=" + java.net.URLEncoder.encode(token, StandardCharsets.UTF_8)));
            page.get("events").forEach(e -> tags.add(e.get("requestParameters").get("attributePayload").get("attributes").get("n")
                    .asString()));
            token = page.has("nextToken") ? page.get("nextToken").asString() : null;
            pages++;
        } while (token != null);
        assertThat(tags).containsExactly("4", "3", "2", "1", "0");
        assertThat(pages).isEqualTo(3);

        assertThat(events("?eventName=UpdateThing&startTime=2000-01-01T00:00:00Z&endTime=2000-01-02T00:00:00Z"))
                .isEmpty();
        assertThat(events("?eventName=UpdateThing&startTime=946684800")).hasSize(5);
        // A record's own eventTime (whole seconds) as both bounds finds it, whatever its milliseconds.
        JsonNode newest = lookup("?eventName=UpdateThing&maxResults=1").get("events").get(0);
        String shown = newest.get("eventTime").asString();
        assertThat(events("?eventName=UpdateThing&startTime=" + shown + "&endTime=" + shown))
                .extracting(e -> e.get("eventID").asString()).contains(newest.get("eventID").asString());
        long millis = java.time.Instant.parse(shown).toEpochMilli();
        assertThat(events("?eventName=UpdateThing&startTime=" + millis)).as("epoch milliseconds")
                .extracting(e -> e.get("eventID").asString()).contains(newest.get("eventID").asString());

        RawClient.RawResponse bad = server.raw().request("GET", "/corelink/v1/auditEvents?startTime=yesterday"
                + "&maxResults=51").service("greengrass").send();
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.header("x-amzn-errortype")).isEqualTo("ValidationException");
        assertThat(bad.body()).contains("startTime").contains("maxResults");
    }

    @Test
    void lookingUp_needsItsPermission() {
        iam.createUser(r -> r.userName("audit-nobody"));
        AccessKey key = iam.createAccessKey(r -> r.userName("audit-nobody")).accessKey();
        RawClient.RawResponse refused = server.raw(key.accessKeyId(), key.secretAccessKey())
                .request("GET", "/corelink/v1/auditEvents").service("greengrass").send();
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.body()).contains("corelink:LookupAuditEvents");
        assertThat(events("?eventName=LookupAuditEvents&principal=" + key.accessKeyId(), 1)).hasSize(1);
    }
}
