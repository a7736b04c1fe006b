package io.corelink.api.greengrass;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.corelink.testing.MutableClock;
import io.corelink.testing.RawClient.RawResponse;
import io.corelink.testing.TestServer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.greengrassv2.GreengrassV2Client;
import software.amazon.awssdk.services.greengrassv2.model.AssociateClientDeviceWithCoreDeviceEntry;
import software.amazon.awssdk.services.greengrassv2.model.AssociateClientDeviceWithCoreDeviceErrorEntry;
import software.amazon.awssdk.services.greengrassv2.model.AssociatedClientDevice;
import software.amazon.awssdk.services.greengrassv2.model.BatchAssociateClientDeviceWithCoreDeviceResponse;
import software.amazon.awssdk.services.greengrassv2.model.BatchDisassociateClientDeviceFromCoreDeviceResponse;
import software.amazon.awssdk.services.greengrassv2.model.DisassociateClientDeviceFromCoreDeviceEntry;
import software.amazon.awssdk.services.greengrassv2.model.DisassociateClientDeviceFromCoreDeviceErrorEntry;
import software.amazon.awssdk.services.greengrassv2.model.ListClientDevicesAssociatedWithCoreDeviceResponse;
import software.amazon.awssdk.services.greengrassv2.model.ResourceNotFoundException;
import software.amazon.awssdk.services.greengrassv2.model.ValidationException;
import software.amazon.awssdk.services.greengrassv2.model.ValidationExceptionField;
import software.amazon.awssdk.services.greengrassv2.model.ValidationExceptionReason;
import software.amazon.awssdk.services.iot.IotClient;

/** The three association operations through the real {@link GreengrassV2Client}, control-plane.md §5 row by row. */
class ClientDeviceAssociationTest {
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

    private static void things(String... names) {
        for (String name : names) {
            iot.createThing(r -> r.thingName(name));
        }
    }

    private static BatchAssociateClientDeviceWithCoreDeviceResponse associate(String core, String... names) {
        return greengrass.batchAssociateClientDeviceWithCoreDevice(r -> r.coreDeviceThingName(core)
                .entries(java.util.Arrays.stream(names)
                        .map(n -> AssociateClientDeviceWithCoreDeviceEntry.builder().thingName(n).build()).toList()));
    }

    private static BatchDisassociateClientDeviceFromCoreDeviceResponse disassociate(String core, String... names) {
        return greengrass.batchDisassociateClientDeviceFromCoreDevice(r -> r.coreDeviceThingName(core)
                .entries(java.util.Arrays.stream(names)
                        .map(n -> DisassociateClientDeviceFromCoreDeviceEntry.builder().thingName(n).build()).toList()));
    }

    private static List<String> listed(String core) {
        return greengrass.listClientDevicesAssociatedWithCoreDevicePaginator(r -> r.coreDeviceThingName(core))
                .associatedClientDevices().stream().map(AssociatedClientDevice::thingName).toList();
    }

    @Test
    void associate_thenList_inNameOrder_withTheAssociationTime() {
        things("core:assoc", "s-b", "s-a", "s:c");
        Instant at = CLOCK.instant();
        BatchAssociateClientDeviceWithCoreDeviceResponse response = associate("core:assoc", "s-b", "s:c", "s-a");
        assertThat(response.errorEntries()).isEmpty();
        assertThat(response.hasErrorEntries()).isTrue();

        List<AssociatedClientDevice> devices = greengrass.listClientDevicesAssociatedWithCoreDevice(r -> r
                .coreDeviceThingName("core:assoc")).associatedClientDevices();
        assertThat(devices).extracting(AssociatedClientDevice::thingName).containsExactly("s-a", "s-b", "s:c");
        assertThat(devices).extracting(AssociatedClientDevice::associationTimestamp)
                .containsOnly(Instant.ofEpochMilli(at.toEpochMilli()));
    }

    @Test
    void associatingAgain_keepsTheFirstTimestamp_andDuplicatesInOneRequestAreHandledOnce() {
        things("core:again", "again-1", "again-2");
        Instant first = CLOCK.instant();
        assertThat(associate("core:again", "again-1").errorEntries()).isEmpty();
        CLOCK.advance(Duration.ofSeconds(90));
        assertThat(associate("core:again", "again-1", "again-2", "again-2", "again-1").errorEntries()).isEmpty();

        List<AssociatedClientDevice> devices = greengrass.listClientDevicesAssociatedWithCoreDevice(r -> r
                .coreDeviceThingName("core:again")).associatedClientDevices();
        assertThat(devices).extracting(AssociatedClientDevice::thingName).containsExactly("again-1", "again-2");
        assertThat(devices.get(0).associationTimestamp()).isEqualTo(Instant.ofEpochMilli(first.toEpochMilli()));
        assertThat(devices.get(1).associationTimestamp()).isEqualTo(Instant.ofEpochMilli(first.toEpochMilli())
                .plusSeconds(90));
    }

    @Test
    void associate_reportsUnknownThingsAndTheCoreItself_perEntry_inRequestOrder_andCommitsTheRest() {
        things("core:entries", "known-1", "known-2");
        BatchAssociateClientDeviceWithCoreDeviceResponse response = associate("core:entries",
                "known-1", "ghost", "core:entries", "has space", "known-2", "ghost");
        assertThat(response.errorEntries()).extracting(AssociateClientDeviceWithCoreDeviceErrorEntry::thingName,
                        AssociateClientDeviceWithCoreDeviceErrorEntry::code)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("ghost", "ResourceNotFoundException"),
                        org.assertj.core.groups.Tuple.tuple("core:entries", "ValidationException"),
                        org.assertj.core.groups.Tuple.tuple("has space", "ResourceNotFoundException"));
        assertThat(response.errorEntries().get(1).message()).isEqualTo("a core device cannot be associated with itself");
        assertThat(response.errorEntries().get(0).message()).isNotBlank();
        assertThat(listed("core:entries")).containsExactly("known-1", "known-2");
    }

    @Test
    void disassociate_followsThePerEntryTable() {
        things("core:dis", "d-1", "d-2", "d-3");
        associate("core:dis", "d-1", "d-2");
        BatchDisassociateClientDeviceFromCoreDeviceResponse response = disassociate("core:dis",
                "d-1", "d-3", "nobody", "core:dis", "d-1");
        assertThat(response.errorEntries()).extracting(DisassociateClientDeviceFromCoreDeviceErrorEntry::thingName,
                        DisassociateClientDeviceFromCoreDeviceErrorEntry::code)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("nobody", "ResourceNotFoundException"),
                        org.assertj.core.groups.Tuple.tuple("core:dis", "ValidationException"));
        assertThat(listed("core:dis")).containsExactly("d-2");
        assertThat(disassociate("core:dis", "d-2").errorEntries()).isEmpty();
        assertThat(listed("core:dis")).isEmpty();
    }

    @Test
    void requestsWithoutEntries_areNoOps() {
        things("core:noop");
        assertThat(greengrass.batchAssociateClientDeviceWithCoreDevice(r -> r.coreDeviceThingName("core:noop"))
                .errorEntries()).isEmpty();
        assertThat(greengrass.batchDisassociateClientDeviceFromCoreDevice(r -> r.coreDeviceThingName("core:noop"))
                .errorEntries()).isEmpty();
        RawResponse raw = server.raw().request("POST", "/greengrass/v2/coreDevices/core%3Anoop/associateClientDevices")
                .service("greengrass").body("{}").send();
        assertThat(raw.body()).isEqualTo("{\"errorEntries\":[]}");
        assertThat(listed("core:noop")).isEmpty();
    }

    @Test
    void anUnknownCoreDevice_is404NamingTheThing_forAllThreeOperations() {
        things("lonely-client");
        for (Runnable call : List.<Runnable>of(
                () -> associate("no-such-core", "lonely-client"),
                () -> disassociate("no-such-core", "lonely-client"),
                () -> greengrass.listClientDevicesAssociatedWithCoreDevice(r -> r.coreDeviceThingName("no-such-core")),
                () -> greengrass.batchAssociateClientDeviceWithCoreDevice(r -> r.coreDeviceThingName("no-such-core")))) {
            assertThatThrownBy(call::run).isInstanceOfSatisfying(ResourceNotFoundException.class, e -> {
                assertThat(e.statusCode()).isEqualTo(404);
                assertThat(e.resourceId()).isEqualTo("no-such-core");
                assertThat(e.resourceType()).isEqualTo("thing");
            });
        }
        assertThatThrownBy(() -> associate("core with space", "lonely-client"))
                .isInstanceOfSatisfying(ResourceNotFoundException.class,
                        e -> assertThat(e.resourceId()).isEqualTo("core with space"));
    }

    @Test
    void invalidRequests_are400_withReasonAndEveryField_andChangeNothing() {
        things("core:invalid", "valid-1");
        assertValidation(() -> associate("core:invalid"), "entries");
        List<String> tooMany = IntStream.range(0, 101).mapToObj(i -> "valid-1").toList();
        assertValidation(() -> associate("core:invalid", tooMany.toArray(String[]::new)), "entries");
        assertValidation(() -> associate("core:invalid", "valid-1", "x".repeat(129)), "entries[1].thingName");
        assertValidation(() -> associate("c".repeat(129), "valid-1"), "coreDeviceThingName");
        assertValidation(() -> disassociate("core:invalid", "valid-1", ""), "entries[1].thingName");
        assertValidation(() -> greengrass.listClientDevicesAssociatedWithCoreDevice(r -> r
                .coreDeviceThingName("core:invalid").maxResults(101)), "maxResults");
        assertValidation(() -> greengrass.listClientDevicesAssociatedWithCoreDevice(r -> r
                .coreDeviceThingName("core:invalid").maxResults(0)), "maxResults");
        assertValidation(() -> greengrass.listClientDevicesAssociatedWithCoreDevice(r -> r
                .coreDeviceThingName("core:invalid").nextToken("forged")), "nextToken");
        assertThat(listed("core:invalid")).isEmpty();

        RawResponse missingName = server.raw().request("POST",
                        "/greengrass/v2/coreDevices/" + "c".repeat(129) + "/associateClientDevices")
                .service("greengrass").body("{\"entries\":[{\"thingName\":\"valid-1\"},{}]}").send();
        assertThat(missingName.status()).isEqualTo(400);
        assertThat(missingName.body()).contains("\"reason\":\"FIELD_VALIDATION_FAILED\"")
                .contains("{\"name\":\"coreDeviceThingName\",\"message\":\"Member must have length less than or equal "
                        + "to 128\"}")
                .contains("{\"name\":\"entries[1].thingName\",\"message\":\"Member must not be null\"}");

        RawResponse wrongType = server.raw().request("POST", "/greengrass/v2/coreDevices/core%3Ainvalid/associateClientDevices")
                .service("greengrass").body("{\"entries\":{\"thingName\":\"valid-1\"}}").send();
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(wrongType.header("x-amzn-ErrorType")).isEqualTo("ValidationException");
        assertThat(wrongType.body()).contains("\"reason\":\"CANNOT_PARSE\"");
        assertThat(listed("core:invalid")).isEmpty();

        // About 1 MB of invalid entries: the answer reports the list's limit and at most its first 100 entries.
        String hugeBatch = IntStream.range(0, 15_000).mapToObj(i -> "{\"thingName\":\"" + "y".repeat(40) + i + "\"}")
                .collect(java.util.stream.Collectors.joining(",", "{\"entries\":[", "]}"));
        RawResponse huge = server.raw().request("POST", "/greengrass/v2/coreDevices/core%3Ainvalid/associateClientDevices")
                .service("greengrass").body(hugeBatch).send();
        assertThat(huge.status()).isEqualTo(400);
        assertThat(huge.body()).contains("{\"name\":\"entries\",\"message\":\"Member must have length less than or "
                + "equal to 100\"}");
        assertThat(huge.body().length()).as("bounded, whatever the request's size").isLessThan(20_000);
    }

    private static void assertValidation(Runnable call, String field) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(ValidationException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(400);
            assertThat(e.reason()).isEqualTo(ValidationExceptionReason.FIELD_VALIDATION_FAILED);
            assertThat(e.fields()).extracting(ValidationExceptionField::name).contains(field);
            assertThat(e.fields()).allSatisfy(f -> assertThat(f.message()).startsWith("Member must"));
        });
    }

    @Test
    void listing_pagesByKeyset_withTokensBoundToTheirCoreDevice() {
        things("core:pages", "core:other");
        List<String> clients = IntStream.range(0, 250).mapToObj(i -> String.format("pc-%03d", i)).toList();
        clients.forEach(ClientDeviceAssociationTest::things);
        for (int i = 0; i < clients.size(); i += 100) {
            List<String> batch = clients.subList(i, Math.min(i + 100, clients.size()));
            assertThat(associate("core:pages", batch.toArray(String[]::new)).errorEntries()).isEmpty();
        }
        associate("core:other", "pc-000");

        ListClientDevicesAssociatedWithCoreDeviceResponse first = greengrass.listClientDevicesAssociatedWithCoreDevice(
                r -> r.coreDeviceThingName("core:pages"));
        assertThat(first.associatedClientDevices()).hasSize(100);
        assertThat(first.nextToken()).isNotNull().doesNotContain("pc-");

        List<String> seen = new ArrayList<>();
        List<String> tokens = new ArrayList<>();
        String token = null;
        do {
            String current = token;
            ListClientDevicesAssociatedWithCoreDeviceResponse page = greengrass
                    .listClientDevicesAssociatedWithCoreDevice(r -> r.coreDeviceThingName("core:pages").maxResults(7)
                            .nextToken(current));
            assertThat(page.associatedClientDevices()).hasSizeBetween(1, 7);
            page.associatedClientDevices().forEach(d -> seen.add(d.thingName()));
            token = page.nextToken();
            if (token != null) {
                tokens.add(token);
            }
        } while (token != null);
        assertThat(seen).isEqualTo(clients);
        assertThat(tokens).hasSize(35).doesNotHaveDuplicates();

        String foreign = first.nextToken();
        assertValidation(() -> greengrass.listClientDevicesAssociatedWithCoreDevice(r -> r
                .coreDeviceThingName("core:other").nextToken(foreign)), "nextToken");
        String altered = foreign.substring(0, 10) + (foreign.charAt(10) == 'A' ? 'B' : 'A') + foreign.substring(11);
        assertValidation(() -> greengrass.listClientDevicesAssociatedWithCoreDevice(r -> r
                .coreDeviceThingName("core:pages").nextToken(altered)), "nextToken");

        ListClientDevicesAssociatedWithCoreDeviceResponse last = greengrass.listClientDevicesAssociatedWithCoreDevice(
                r -> r.coreDeviceThingName("core:pages").maxResults(50).nextToken(
                        greengrass.listClientDevicesAssociatedWithCoreDevice(q -> q.coreDeviceThingName("core:pages")
                                .maxResults(100).nextToken(first.nextToken())).nextToken()));
        assertThat(last.associatedClientDevices()).hasSize(50);
        assertThat(last.nextToken()).isNull();
    }

    @Test
    void emptyListings_andTimestamps_lookAsOnTheWire() {
        things("core:wire", "wire-client");
        RawResponse empty = server.raw().request("GET",
                "/greengrass/v2/coreDevices/core%3Awire/associatedClientDevices").service("greengrass").send();
        assertThat(empty.status()).isEqualTo(200);
        assertThat(empty.body()).isEqualTo("{\"associatedClientDevices\":[]}");

        associate("core:wire", "wire-client");
        RawResponse one = server.raw().request("GET",
                "/greengrass/v2/coreDevices/core%3Awire/associatedClientDevices?maxResults=1").service("greengrass")
                .send();
        assertThat(one.body()).matches("\\{\"associatedClientDevices\":\\[\\{\"thingName\":\"wire-client\","
                + "\"associationTimestamp\":\\d{10}\\.\\d{3}}]}");
    }

    @Test
    void deletingAThing_removesTheAssociationsItTakesPartIn() {
        things("core:cascade", "cascade-1", "cascade-2");
        associate("core:cascade", "cascade-1", "cascade-2");
        iot.deleteThing(r -> r.thingName("cascade-1"));
        assertThat(listed("core:cascade")).containsExactly("cascade-2");

        things("cascade-1");
        assertThat(listed("core:cascade")).containsExactly("cascade-2");

        iot.deleteThing(r -> r.thingName("core:cascade"));
        assertThatThrownBy(() -> listed("core:cascade")).isInstanceOf(ResourceNotFoundException.class);
        things("core:cascade");
        assertThat(listed("core:cascade")).isEmpty();
    }

    @Test
    void aClientDevice_mayBeAssociatedWithManyCoreDevices() {
        things("core:m1", "core:m2", "shared-client");
        associate("core:m1", "shared-client");
        associate("core:m2", "shared-client");
        assertThat(listed("core:m1")).containsExactly("shared-client");
        assertThat(listed("core:m2")).containsExactly("shared-client");
        disassociate("core:m1", "shared-client");
        assertThat(listed("core:m1")).isEmpty();
        assertThat(listed("core:m2")).containsExactly("shared-client");
    }
}
