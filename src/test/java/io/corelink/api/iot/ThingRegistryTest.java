package io.corelink.api.iot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.corelink.testing.TestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iot.IotClient;
import software.amazon.awssdk.services.iot.model.AttributePayload;
import software.amazon.awssdk.services.iot.model.CreateThingResponse;
import software.amazon.awssdk.services.iot.model.DescribeThingResponse;
import software.amazon.awssdk.services.iot.model.InvalidRequestException;
import software.amazon.awssdk.services.iot.model.IotException;
import software.amazon.awssdk.services.iot.model.ListThingsResponse;
import software.amazon.awssdk.services.iot.model.ResourceAlreadyExistsException;
import software.amazon.awssdk.services.iot.model.ResourceNotFoundException;
import software.amazon.awssdk.services.iot.model.ThingAttribute;
import software.amazon.awssdk.services.iot.model.VersionConflictException;

/** The thing registry through the real AWS SDK for Java v2 {@link IotClient}. */
class ThingRegistryTest {
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

    @Test
    void createThing_returnsNameArnAndId_andDescribeShowsThem() {
        CreateThingResponse created = iot.createThing(r -> r.thingName("sensor:1")
                .attributePayload(AttributePayload.builder().attributes(Map.of("site", "plant-7", "line", "3")).build()));

        assertThat(created.thingName()).isEqualTo("sensor:1");
        assertThat(created.thingArn()).isEqualTo("arn:aws:iot:us-east-1:000000000000:thing/sensor:1");
        assertThat(created.thingId()).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

        DescribeThingResponse described = iot.describeThing(r -> r.thingName("sensor:1"));
        assertThat(described.thingName()).isEqualTo("sensor:1");
        assertThat(described.thingId()).isEqualTo(created.thingId());
        assertThat(described.thingArn()).isEqualTo(created.thingArn());
        assertThat(described.defaultClientId()).isEqualTo("sensor:1");
        assertThat(described.attributes()).containsExactlyInAnyOrderEntriesOf(Map.of("site", "plant-7", "line", "3"));
        assertThat(described.version()).isEqualTo(1L);
        assertThat(described.thingTypeName()).isNull();
        assertThat(described.responseMetadata().requestId()).matches("[0-9a-f-]{36}");
    }

    @Test
    void createThing_isIdempotentForEqualAttributes_andConflictsOtherwise() {
        String id = iot.createThing(r -> r.thingName("idem")).thingId();
        assertThat(iot.createThing(r -> r.thingName("idem")).thingId()).isEqualTo(id);

        assertThatThrownBy(() -> iot.createThing(r -> r.thingName("idem")
                .attributePayload(AttributePayload.builder().attributes(Map.of("a", "b")).build())))
                .isInstanceOfSatisfying(ResourceAlreadyExistsException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(409);
                    assertThat(e.resourceId()).isEqualTo("idem");
                    assertThat(e.resourceArn()).isEqualTo("arn:aws:iot:us-east-1:000000000000:thing/idem");
                });
        assertThat(iot.describeThing(r -> r.thingName("idem")).attributes()).isEmpty();
    }

    @Test
    void describeThing_ofUnknownThing_is404() {
        assertThatThrownBy(() -> iot.describeThing(r -> r.thingName("never-created")))
                .isInstanceOfSatisfying(ResourceNotFoundException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(404);
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Thing never-created cannot be found.");
                });
    }

    @Test
    void updateThing_replacesOrMergesAttributes_andBumpsVersion() {
        iot.createThing(r -> r.thingName("upd").attributePayload(a -> a.attributes(Map.of("a", "1", "b", "2"))));

        iot.updateThing(r -> r.thingName("upd").attributePayload(a -> a.attributes(Map.of("c", "3", "a", "")).merge(true)));
        DescribeThingResponse merged = iot.describeThing(r -> r.thingName("upd"));
        assertThat(merged.attributes()).containsExactlyInAnyOrderEntriesOf(Map.of("b", "2", "c", "3"));
        assertThat(merged.version()).isEqualTo(2L);

        iot.updateThing(r -> r.thingName("upd").attributePayload(a -> a.attributes(Map.of("z", "9"))));
        DescribeThingResponse replaced = iot.describeThing(r -> r.thingName("upd"));
        assertThat(replaced.attributes()).containsExactlyEntriesOf(Map.of("z", "9"));
        assertThat(replaced.version()).isEqualTo(3L);

        iot.updateThing(r -> r.thingName("upd").expectedVersion(3L));
        assertThat(iot.describeThing(r -> r.thingName("upd")).version()).isEqualTo(4L);
    }

    @Test
    void updateThing_withStaleVersion_conflicts_andChangesNothing() {
        iot.createThing(r -> r.thingName("stale"));
        assertThatThrownBy(() -> iot.updateThing(r -> r.thingName("stale").expectedVersion(7L)
                .attributePayload(a -> a.attributes(Map.of("x", "y")))))
                .isInstanceOfSatisfying(VersionConflictException.class, e -> assertThat(e.statusCode()).isEqualTo(409));
        DescribeThingResponse after = iot.describeThing(r -> r.thingName("stale"));
        assertThat(after.version()).isEqualTo(1L);
        assertThat(after.attributes()).isEmpty();
    }

    @Test
    void updateThing_ofUnknownThing_is404() {
        assertThatThrownBy(() -> iot.updateThing(r -> r.thingName("ghost")))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void deleteThing_removesIt_unknownSucceeds_andStaleVersionConflicts() {
        iot.createThing(r -> r.thingName("del"));
        assertThatThrownBy(() -> iot.deleteThing(r -> r.thingName("del").expectedVersion(2L)))
                .isInstanceOf(VersionConflictException.class);
        assertThat(iot.describeThing(r -> r.thingName("del")).version()).isEqualTo(1L);

        iot.deleteThing(r -> r.thingName("del").expectedVersion(1L));
        assertThatThrownBy(() -> iot.describeThing(r -> r.thingName("del"))).isInstanceOf(ResourceNotFoundException.class);

        iot.deleteThing(r -> r.thingName("del"));
        iot.deleteThing(r -> r.thingName("never-was"));
    }

    @Test
    void thingNames_breakingTheIotRule_areRejectedWithTheRule() {
        String tooLong = "x".repeat(129);
        assertThatThrownBy(() -> iot.createThing(r -> r.thingName(tooLong)))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorMessage())
                            .contains("at 'thingName' failed to satisfy constraint: "
                                    + "Member must have length less than or equal to 128");
                });
        assertThatThrownBy(() -> iot.createThing(r -> r.thingName("has space")))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.awsErrorDetails()
                        .errorMessage()).contains("Member must satisfy regular expression pattern: [a-zA-Z0-9:_-]+"));
        assertThatThrownBy(() -> iot.createThing(r -> r.thingName("ok-name")
                .attributePayload(a -> a.attributes(Map.of("bad key!", "v")))))
                .isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> iot.describeThing(r -> r.thingName("ok-name")))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void createThing_withAThingType_isNotFound_becauseCorelinkHasNone() {
        assertThatThrownBy(() -> iot.createThing(r -> r.thingName("typed").thingTypeName("Sensor")))
                .isInstanceOfSatisfying(ResourceNotFoundException.class, e -> assertThat(e.statusCode()).isEqualTo(404));
        assertThatThrownBy(() -> iot.describeThing(r -> r.thingName("typed"))).isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void listThings_pagesInNameOrder_withOpaqueTokens_andNoTokenOnTheLastPage() {
        for (int i = 0; i < 23; i++) {
            String name = String.format("page-%02d", i);
            iot.createThing(r -> r.thingName(name).attributePayload(a -> a.attributes(Map.of("group", "paging"))));
        }
        List<String> seen = new ArrayList<>();
        List<String> tokens = new ArrayList<>();
        String token = null;
        do {
            String current = token;
            ListThingsResponse page = iot.listThings(r -> r.maxResults(10).attributeName("group")
                    .attributeValue("paging").nextToken(current));
            page.things().forEach(t -> seen.add(t.thingName()));
            token = page.nextToken();
            if (token != null) {
                tokens.add(token);
            }
        } while (token != null);
        assertThat(seen).hasSize(23).isSorted().startsWith("page-00").endsWith("page-22");
        assertThat(tokens).hasSize(2).doesNotHaveDuplicates();
        assertThat(tokens.get(0)).doesNotContain("page-");

        List<String> viaPaginator = iot.listThingsPaginator(r -> r.maxResults(7).attributeName("group")
                .attributeValue("paging")).things().stream().map(ThingAttribute::thingName).toList();
        assertThat(viaPaginator).isEqualTo(seen);
    }

    @Test
    void listThings_filtersByAttributeNameValueAndPrefix() {
        iot.createThing(r -> r.thingName("f-a").attributePayload(a -> a.attributes(Map.of("fleet", "north-1"))));
        iot.createThing(r -> r.thingName("f-b").attributePayload(a -> a.attributes(Map.of("fleet", "north-2"))));
        iot.createThing(r -> r.thingName("f-c").attributePayload(a -> a.attributes(Map.of("fleet", "south-1"))));
        iot.createThing(r -> r.thingName("f-d").attributePayload(a -> a.attributes(Map.of("other", "north-1"))));

        assertThat(names(iot.listThings(r -> r.attributeName("fleet")))).containsExactly("f-a", "f-b", "f-c");
        assertThat(names(iot.listThings(r -> r.attributeName("fleet").attributeValue("north-1"))))
                .containsExactly("f-a");
        assertThat(names(iot.listThings(r -> r.attributeName("fleet").attributeValue("north")
                .usePrefixAttributeValue(true)))).containsExactly("f-a", "f-b");
        assertThat(names(iot.listThings(r -> r.attributeName("fleet").attributeValue("north")))).isEmpty();
        assertThat(names(iot.listThings(r -> r.thingTypeName("SomeType")))).isEmpty();

        ThingAttribute listed = iot.listThings(r -> r.attributeName("fleet").attributeValue("south-1")).things().get(0);
        assertThat(listed.thingArn()).isEqualTo("arn:aws:iot:us-east-1:000000000000:thing/f-c");
        assertThat(listed.attributes()).containsExactlyEntriesOf(Map.of("fleet", "south-1"));
        assertThat(listed.version()).isEqualTo(1L);
    }

    @Test
    void listThings_rejectsBadPageSizes_andTokensOfAnotherListing() {
        assertThatThrownBy(() -> iot.listThings(r -> r.maxResults(251)))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.awsErrorDetails()
                        .errorMessage()).contains("'maxResults'").contains("less than or equal to 250"));
        assertThatThrownBy(() -> iot.listThings(r -> r.maxResults(0))).isInstanceOf(InvalidRequestException.class);

        for (int i = 0; i < 3; i++) {
            String name = "tok-" + i;
            iot.createThing(r -> r.thingName(name).attributePayload(a -> a.attributes(Map.of("tok", "x"))));
        }
        String token = iot.listThings(r -> r.maxResults(1).attributeName("tok")).nextToken();
        assertThat(token).isNotNull();
        assertThatThrownBy(() -> iot.listThings(r -> r.maxResults(1).nextToken(token)))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.awsErrorDetails()
                        .errorMessage()).contains("'nextToken'"));
        String altered = token.substring(0, token.length() - 2) + (token.endsWith("A") ? "BB" : "AA");
        assertThatThrownBy(() -> iot.listThings(r -> r.maxResults(1).attributeName("tok").nextToken(altered)))
                .isInstanceOf(InvalidRequestException.class);
        assertThat(names(iot.listThings(r -> r.maxResults(1).attributeName("tok").nextToken(token))))
                .containsExactly("tok-1");
    }

    @Test
    void listThings_defaultsTo50PerPage() {
        for (int i = 0; i < 55; i++) {
            String name = String.format("dflt-%02d", i);
            iot.createThing(r -> r.thingName(name).attributePayload(a -> a.attributes(Map.of("dflt", "y"))));
        }
        ListThingsResponse first = iot.listThings(r -> r.attributeName("dflt"));
        assertThat(first.things()).hasSize(50);
        assertThat(first.nextToken()).isNotNull();
    }

    @Test
    void wrongSecret_isRejected_andUnknownKeyIsUnrecognized() {
        try (IotClient wrongSecret = server.iot(TestServer.ACCESS_KEY_ID, "not-the-secret-0000000000000000")) {
            assertThatThrownBy(() -> wrongSecret.listThings(r -> { }))
                    .isInstanceOfSatisfying(IotException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(403);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidSignatureException");
                    });
        }
        try (IotClient unknown = server.iot("AKIAUNKNOWN000000000", "whatever-secret-000000000000000")) {
            assertThatThrownBy(() -> unknown.listThings(r -> { }))
                    .isInstanceOfSatisfying(IotException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(403);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("UnrecognizedClientException");
                    });
        }
    }

    private static List<String> names(ListThingsResponse response) {
        return response.things().stream().map(ThingAttribute::thingName).toList();
    }
}
