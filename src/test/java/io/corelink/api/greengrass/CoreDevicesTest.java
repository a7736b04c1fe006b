package io.corelink.api.greengrass;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.corelink.testing.MutableClock;
import io.corelink.testing.RawClient.RawResponse;
import io.corelink.testing.TestServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.greengrassv2.GreengrassV2Client;
import software.amazon.awssdk.services.greengrassv2.model.ConnectivityInfo;
import software.amazon.awssdk.services.greengrassv2.model.CoreDevice;
import software.amazon.awssdk.services.greengrassv2.model.CoreDeviceStatus;
import software.amazon.awssdk.services.greengrassv2.model.GetCoreDeviceResponse;
import software.amazon.awssdk.services.greengrassv2.model.ListCoreDevicesResponse;
import software.amazon.awssdk.services.greengrassv2.model.ResourceNotFoundException;
import software.amazon.awssdk.services.greengrassv2.model.ValidationException;
import software.amazon.awssdk.services.greengrassv2.model.ValidationExceptionField;
import software.amazon.awssdk.services.iot.IotClient;

/** Core devices, connectivity info and tags through the real {@link GreengrassV2Client}: control-plane.md §7. */
class CoreDevicesTest {
    private static final MutableClock CLOCK = MutableClock.startingNow();
    private static TestServer server;
    private static GreengrassV2Client greengrass;
    private static IotClient iot;

    @BeforeAll
    static void start() {
        server = TestServer.start(CLOCK);
        greengrass = server.greengrass();
        iot = server.iot();
    }

    @AfterAll
    static void stop() {
        greengrass.close();
        iot.close();
        server.close();
    }

    private static String arn(String core) {
        return "arn:aws:greengrass:us-east-1:000000000000:coreDevices:" + core;
    }

    private static void things(String... names) {
        for (String name : names) {
            iot.createThing(r -> r.thingName(name));
        }
    }

    private static void associate(String core, String client) {
        greengrass.batchAssociateClientDeviceWithCoreDevice(r -> r.coreDeviceThingName(core)
                .entries(e -> e.thingName(client)));
    }

    /** What a data-plane call by the core records (the data plane itself comes with its own issue). */
    private static void coreCalledAt(String core, Instant when) throws Exception {
        try (Connection jdbc = DriverManager.getConnection("jdbc:sqlite:" + server.databaseFile());
             PreparedStatement update = jdbc.prepareStatement(
                     "UPDATE core_device SET last_seen_at = ? WHERE thing_name = ?")) {
            update.setLong(1, when.toEpochMilli());
            update.setString(2, core);
            assertThat(update.executeUpdate()).isEqualTo(1);
        }
    }

    @Test
    void aFirstAssociation_makesTheThingACoreDevice_unhealthyUntilItCalls() {
        things("cd:assoc", "cd-client");
        assertThatThrownBy(() -> greengrass.getCoreDevice(r -> r.coreDeviceThingName("cd:assoc")))
                .isInstanceOfSatisfying(ResourceNotFoundException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(404);
                    assertThat(e.resourceId()).isEqualTo("cd:assoc");
                    assertThat(e.resourceType()).isEqualTo("coreDevice");
                });
        Instant registered = CLOCK.instant();
        associate("cd:assoc", "cd-client");
        CLOCK.advance(Duration.ofMinutes(1));

        GetCoreDeviceResponse device = greengrass.getCoreDevice(r -> r.coreDeviceThingName("cd:assoc"));
        assertThat(device.coreDeviceThingName()).isEqualTo("cd:assoc");
        assertThat(device.status()).isEqualTo(CoreDeviceStatus.UNHEALTHY);
        assertThat(device.lastStatusUpdateTimestamp()).isEqualTo(Instant.ofEpochMilli(registered.toEpochMilli()));
        assertThat(device.tags()).isEmpty();
        assertThat(server.raw().request("GET", "/greengrass/v2/coreDevices/cd%3Aassoc").service("greengrass").send()
                .body()).contains("\"tags\":{}");
        assertThatThrownBy(() -> greengrass.getCoreDevice(r -> r.coreDeviceThingName("cd-client")))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void aCoreIsHealthyForTenMinutesAfterADataPlaneCall() throws Exception {
        things("cd:health", "cd-health-client");
        associate("cd:health", "cd-health-client");
        Instant call = CLOCK.instant();
        coreCalledAt("cd:health", call);
        assertThat(greengrass.getCoreDevice(r -> r.coreDeviceThingName("cd:health")).status())
                .isEqualTo(CoreDeviceStatus.HEALTHY);
        assertThat(greengrass.getCoreDevice(r -> r.coreDeviceThingName("cd:health")).lastStatusUpdateTimestamp())
                .isEqualTo(Instant.ofEpochMilli(call.toEpochMilli()));
        assertThat(names(greengrass.listCoreDevices(r -> r.status(CoreDeviceStatus.HEALTHY)))).contains("cd:health");
        // The server clock stays near real time (SigV4 checks it), so the call moves into the past instead.
        coreCalledAt("cd:health", call.minus(Duration.ofMinutes(10)).minusSeconds(1));
        assertThat(greengrass.getCoreDevice(r -> r.coreDeviceThingName("cd:health")).status())
                .isEqualTo(CoreDeviceStatus.UNHEALTHY);
        assertThat(names(greengrass.listCoreDevices(r -> r.status(CoreDeviceStatus.HEALTHY))))
                .doesNotContain("cd:health");
        assertThat(names(greengrass.listCoreDevices(r -> r.status(CoreDeviceStatus.UNHEALTHY)))).contains("cd:health");
    }

    @Test
    void listCoreDevices_pagesByName_andFilters() {
        try (TestServer own = TestServer.start(); GreengrassV2Client client = own.greengrass();
             IotClient ownIot = own.iot()) {
            for (int i = 0; i < 5; i++) {
                String name = "lc-" + i;
                ownIot.createThing(r -> r.thingName(name));
                client.updateConnectivityInfo(r -> r.thingName(name).connectivityInfo(List.of()));
            }
            ownIot.createThing(r -> r.thingName("lc-not-a-core"));
            List<String> seen = new ArrayList<>();
            String token = null;
            do {
                String current = token;
                ListCoreDevicesResponse page = client.listCoreDevices(r -> r.maxResults(2).nextToken(current));
                seen.addAll(names(page));
                token = page.nextToken();
            } while (token != null);
            assertThat(seen).containsExactly("lc-0", "lc-1", "lc-2", "lc-3", "lc-4");
            assertThat(client.listCoreDevices(r -> r.thingGroupArn(
                    "arn:aws:iot:us-east-1:000000000000:thinggroup/fleet")).coreDevices()).isEmpty();
            assertThat(client.listCoreDevices(r -> r.runtime("aws_nucleus_classic")).coreDevices()).isEmpty();
            assertThat(client.listCoreDevices(r -> r.status(CoreDeviceStatus.UNHEALTHY)).coreDevices()).hasSize(5)
                    .allSatisfy(d -> assertThat(d.status()).isEqualTo(CoreDeviceStatus.UNHEALTHY));
            assertValidation(() -> client.listCoreDevices(r -> r.maxResults(101)), "maxResults");
            assertValidation(() -> client.listCoreDevices(r -> r.thingGroupArn("not-an-arn")), "thingGroupArn");
            assertValidation(() -> client.listCoreDevices(r -> r.status("SLEEPY")), "status");
            assertValidation(() -> client.listCoreDevices(r -> r.nextToken("forged")), "nextToken");
        }
        RawResponse empty = server.raw().request("GET", "/greengrass/v2/coreDevices?status=HEALTHY&maxResults=1")
                .service("greengrass").send();
        assertThat(empty.status()).isEqualTo(200);
    }

    @Test
    void deleteCoreDevice_removesTheRecordConnectivityTagsAndAssociations_notTheThing() {
        things("cd:delete", "cd-delete-client");
        associate("cd:delete", "cd-delete-client");
        greengrass.updateConnectivityInfo(r -> r.thingName("cd:delete").connectivityInfo(
                ConnectivityInfo.builder().id("a").hostAddress("10.0.0.1").portNumber(8883).build()));
        greengrass.tagResource(r -> r.resourceArn(arn("cd:delete")).tags(Map.of("site", "plant-7")));

        RawResponse deleted = server.raw().request("DELETE", "/greengrass/v2/coreDevices/cd%3Adelete")
                .service("greengrass").send();
        assertThat(deleted.status()).isEqualTo(204);
        assertThat(deleted.body()).isEmpty();

        assertThatThrownBy(() -> greengrass.getCoreDevice(r -> r.coreDeviceThingName("cd:delete")))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThat(iot.describeThing(r -> r.thingName("cd:delete")).thingName()).isEqualTo("cd:delete");
        assertThat(greengrass.getConnectivityInfo(r -> r.thingName("cd:delete")).connectivityInfo()).isEmpty();
        assertThat(greengrass.listClientDevicesAssociatedWithCoreDevice(r -> r.coreDeviceThingName("cd:delete"))
                .associatedClientDevices()).isEmpty();
        assertThatThrownBy(() -> greengrass.listTagsForResource(r -> r.resourceArn(arn("cd:delete"))))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> greengrass.deleteCoreDevice(r -> r.coreDeviceThingName("cd:delete")))
                .isInstanceOfSatisfying(ResourceNotFoundException.class, e -> assertThat(e.statusCode()).isEqualTo(404));

        associate("cd:delete", "cd-delete-client");
        assertThat(greengrass.getCoreDevice(r -> r.coreDeviceThingName("cd:delete")).tags()).isEmpty();
    }

    @Test
    void connectivityInfo_isReplacedWhole_inOrder_withANewVersionEachTime() {
        things("cd:conn");
        assertThat(greengrass.getConnectivityInfo(r -> r.thingName("cd:conn")).connectivityInfo()).isEmpty();
        assertThat(server.raw().request("GET", "/greengrass/things/cd%3Aconn/connectivityInfo").service("greengrass")
                .send().body()).isEqualTo("{\"ConnectivityInfo\":[]}");

        String v1 = greengrass.updateConnectivityInfo(r -> r.thingName("cd:conn").connectivityInfo(
                ConnectivityInfo.builder().id("lan").hostAddress("192.168.1.20").portNumber(8883).metadata("m1").build(),
                ConnectivityInfo.builder().id("dns").hostAddress("core.local").portNumber(443).build())).version();
        assertThat(greengrass.getCoreDevice(r -> r.coreDeviceThingName("cd:conn")).coreDeviceThingName())
                .isEqualTo("cd:conn");
        assertThat(greengrass.getConnectivityInfo(r -> r.thingName("cd:conn")).connectivityInfo())
                .extracting(ConnectivityInfo::id, ConnectivityInfo::hostAddress, ConnectivityInfo::portNumber,
                        ConnectivityInfo::metadata)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("lan", "192.168.1.20", 8883, "m1"),
                        org.assertj.core.groups.Tuple.tuple("dns", "core.local", 443, null));
        assertThat(server.raw().request("GET", "/greengrass/things/cd%3Aconn/connectivityInfo").service("greengrass")
                .send().body()).startsWith("{\"ConnectivityInfo\":[{\"Id\":\"lan\",\"HostAddress\":\"192.168.1.20\","
                        + "\"PortNumber\":8883,\"Metadata\":\"m1\"}");

        String v2 = greengrass.updateConnectivityInfo(r -> r.thingName("cd:conn").connectivityInfo(
                ConnectivityInfo.builder().id("only").hostAddress("10.1.1.1").portNumber(0).build())).version();
        assertThat(v2).isNotEqualTo(v1);
        assertThat(greengrass.getConnectivityInfo(r -> r.thingName("cd:conn")).connectivityInfo())
                .extracting(ConnectivityInfo::id).containsExactly("only");
        String v3 = greengrass.updateConnectivityInfo(r -> r.thingName("cd:conn").connectivityInfo(List.of()))
                .version();
        assertThat(v3).isNotIn(v1, v2);
        assertThat(greengrass.getConnectivityInfo(r -> r.thingName("cd:conn")).connectivityInfo()).isEmpty();
    }

    @Test
    void connectivityInfo_badInput_andUnknownThings_are400() {
        things("cd:bad");
        assertValidation(() -> greengrass.getConnectivityInfo(r -> r.thingName("cd-no-such-thing")), "thingName");
        assertValidation(() -> greengrass.updateConnectivityInfo(r -> r.thingName("cd-no-such-thing")
                .connectivityInfo(List.of())), "thingName");
        assertValidation(() -> greengrass.updateConnectivityInfo(r -> r.thingName("cd:bad").connectivityInfo(
                ConnectivityInfo.builder().hostAddress("h").portNumber(70000).build())), "ConnectivityInfo[0].PortNumber");
        assertValidation(() -> greengrass.updateConnectivityInfo(r -> r.thingName("cd:bad").connectivityInfo(
                ConnectivityInfo.builder().hostAddress("ok").portNumber(1).build(),
                ConnectivityInfo.builder().hostAddress("").portNumber(1).build())), "ConnectivityInfo[1].HostAddress");
        RawResponse missing = server.raw().request("PUT", "/greengrass/things/cd%3Abad/connectivityInfo")
                .service("greengrass").body("{}").send();
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.body()).contains("\"name\":\"ConnectivityInfo\"");
        RawResponse wrongType = server.raw().request("PUT", "/greengrass/things/cd%3Abad/connectivityInfo")
                .service("greengrass").body("{\"ConnectivityInfo\":[{\"HostAddress\":\"h\",\"PortNumber\":\"80\"}]}")
                .send();
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(wrongType.body()).contains("CANNOT_PARSE");
        assertThat(greengrass.getConnectivityInfo(r -> r.thingName("cd:bad")).connectivityInfo()).isEmpty();
        assertThatThrownBy(() -> greengrass.getCoreDevice(r -> r.coreDeviceThingName("cd:bad")))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void tags_areAddedUpdatedListedAndRemoved() {
        things("cd:tags", "cd-tags-client");
        associate("cd:tags", "cd-tags-client");
        greengrass.tagResource(r -> r.resourceArn(arn("cd:tags")).tags(Map.of("site", "plant-7", "line", "3")));
        greengrass.tagResource(r -> r.resourceArn(arn("cd:tags")).tags(Map.of("line", "4", "empty", "")));
        assertThat(greengrass.listTagsForResource(r -> r.resourceArn(arn("cd:tags"))).tags())
                .containsExactlyInAnyOrderEntriesOf(Map.of("site", "plant-7", "line", "4", "empty", ""));
        assertThat(greengrass.getCoreDevice(r -> r.coreDeviceThingName("cd:tags")).tags()).containsEntry("line", "4");
        greengrass.untagResource(r -> r.resourceArn(arn("cd:tags")).tagKeys("line", "never-there"));
        assertThat(greengrass.listTagsForResource(r -> r.resourceArn(arn("cd:tags"))).tags())
                .containsOnlyKeys("site", "empty");

        assertValidation(() -> greengrass.tagResource(r -> r.resourceArn(arn("cd:tags"))
                .tags(Map.of("aws:reserved", "x"))), "tags.aws:reserved");
        assertValidation(() -> greengrass.tagResource(r -> r.resourceArn("arn:aws:iot:us-east-1:000000000000:thing/x")
                .tags(Map.of("a", "b"))), "resourceArn");
        assertValidation(() -> greengrass.tagResource(r -> r.resourceArn(arn("cd:tags"))
                .tags(Map.of("k", "v".repeat(257)))), "tags.k");
        assertThatThrownBy(() -> greengrass.tagResource(r -> r.resourceArn(arn("cd-unknown")).tags(Map.of("a", "b"))))
                .isInstanceOfSatisfying(ResourceNotFoundException.class, e -> assertThat(e.statusCode()).isEqualTo(404));
        assertThatThrownBy(() -> greengrass.listTagsForResource(r -> r.resourceArn(
                "arn:aws:greengrass:us-east-1:000000000000:components:com.example.Hello")))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> greengrass.listTagsForResource(r -> r.resourceArn(
                "arn:aws:greengrass:eu-west-1:000000000000:coreDevices:cd:tags")))
                .isInstanceOf(ResourceNotFoundException.class);
        RawResponse noKeys = server.raw().request("DELETE",
                "/tags/arn%3Aaws%3Agreengrass%3Aus-east-1%3A000000000000%3AcoreDevices%3Acd%3Atags")
                .service("greengrass").send();
        assertThat(noKeys.status()).isEqualTo(400);

        java.util.Map<String, String> many = new java.util.HashMap<>();
        for (int i = 0; i < 49; i++) {
            many.put("k" + i, "v");
        }
        assertThatThrownBy(() -> greengrass.tagResource(r -> r.resourceArn(arn("cd:tags")).tags(many)))
                .isInstanceOf(ValidationException.class);
        assertThat(greengrass.listTagsForResource(r -> r.resourceArn(arn("cd:tags"))).tags()).hasSize(2);
    }

    @Test
    void aNameGreengrassAcceptsButIotCannotHold_namesNothing_withEachOperationsOwnAnswer() {
        String name = "cd.not an iot name";
        assertThatThrownBy(() -> greengrass.getCoreDevice(r -> r.coreDeviceThingName(name)))
                .isInstanceOfSatisfying(ResourceNotFoundException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(404);
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Core device " + name
                            + " cannot be found.");
                });
        assertThatThrownBy(() -> greengrass.deleteCoreDevice(r -> r.coreDeviceThingName(name)))
                .isInstanceOfSatisfying(ResourceNotFoundException.class, e -> assertThat(
                        e.awsErrorDetails().errorMessage()).isEqualTo("Core device " + name + " cannot be found."));
        assertThatThrownBy(() -> associate(name, "cd-client"))
                .isInstanceOfSatisfying(ResourceNotFoundException.class, e -> assertThat(
                        e.awsErrorDetails().errorMessage()).isEqualTo("Thing " + name + " cannot be found."));
        assertThatThrownBy(() -> greengrass.listClientDevicesAssociatedWithCoreDevice(r -> r
                .coreDeviceThingName(name))).isInstanceOfSatisfying(ResourceNotFoundException.class, e -> assertThat(
                        e.awsErrorDetails().errorMessage()).isEqualTo("Thing " + name + " cannot be found."));
        assertValidation(() -> greengrass.getConnectivityInfo(r -> r.thingName(name)), "thingName");
        assertValidation(() -> greengrass.updateConnectivityInfo(r -> r.thingName(name)
                .connectivityInfo(ConnectivityInfo.builder().hostAddress("10.0.0.1").portNumber(8883).build())),
                "thingName");
    }

    private static List<String> names(ListCoreDevicesResponse response) {
        return response.coreDevices().stream().map(CoreDevice::coreDeviceThingName).toList();
    }

    private static void assertValidation(Runnable call, String field) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(ValidationException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(400);
            assertThat(e.fields()).extracting(ValidationExceptionField::name).contains(field);
        });
    }
}
