package io.corelink.api.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.corelink.testing.RawClient;
import io.corelink.testing.TestServer;
import io.corelink.wire.json.Json;
import io.corelink.wire.sigv4.SigV4Signer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.greengrassv2.GreengrassV2Client;
import software.amazon.awssdk.services.iot.IotClient;
import software.amazon.awssdk.services.iot.model.CreateKeysAndCertificateResponse;
import software.amazon.awssdk.services.iot.model.CreateThingResponse;
import software.amazon.awssdk.services.iot.model.ResourceAlreadyExistsException;
import tools.jackson.databind.JsonNode;

/**
 * Change events (operations.md §4) through the real AWS clients: every committed change is an event, in commit order,
 * in AWS's registry-event shape where AWS has one; a long poll follows from a cursor and waits for the next change;
 * the same as Server-Sent Events, resuming from {@code Last-Event-ID}.
 */
class ChangeEventsTest {
    private static final String ACCOUNT = "000000000000";
    private static TestServer server;
    private static IotClient iot;
    private static GreengrassV2Client greengrass;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        iot = server.iot();
        greengrass = server.greengrass();
    }

    @AfterAll
    static void stop() {
        iot.close();
        greengrass.close();
        server.close();
    }

    private static JsonNode poll(String query) {
        RawClient.RawResponse response = server.raw().request("GET", "/corelink/v1/events" + query)
                .service("greengrass").send();
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return Json.parse(response.body().getBytes(StandardCharsets.UTF_8));
    }

    private static String cursorNow() {
        JsonNode now = poll("");
        assertThat(now.get("events")).isEmpty();
        return now.get("cursor").asString();
    }

    private static List<JsonNode> events(JsonNode page) {
        List<JsonNode> events = new ArrayList<>();
        page.get("events").forEach(events::add);
        return events;
    }

    @Test
    void everyChange_isAnEvent_inCommitOrder_inAwsShapes() {
        String from = cursorNow();
        CreateThingResponse thing = iot.createThing(r -> r.thingName("ev-sensor")
                .attributePayload(a -> a.attributes(Map.of("line", "1"))));
        iot.updateThing(r -> r.thingName("ev-sensor").attributePayload(a -> a.attributes(Map.of("line", "2"))));
        assertThatThrownBy(() -> iot.createThing(r -> r.thingName("ev-sensor")))
                .isInstanceOf(ResourceAlreadyExistsException.class);
        iot.createThing(r -> r.thingName("ev-core"));
        iot.createThing(r -> r.thingName("ev-sensor-2"));
        greengrass.batchAssociateClientDeviceWithCoreDevice(r -> r.coreDeviceThingName("ev-core")
                .entries(e -> e.thingName("ev-sensor"), e -> e.thingName("ev-sensor-2")));
        CreateKeysAndCertificateResponse keys = iot.createKeysAndCertificate(r -> r.setAsActive(true));
        iot.attachThingPrincipal(r -> r.thingName("ev-core").principal(keys.certificateArn()));
        greengrass.updateConnectivityInfo(r -> r.thingName("ev-core")
                .connectivityInfo(c -> c.id("lan").hostAddress("10.0.0.1").portNumber(8883)));
        greengrass.batchDisassociateClientDeviceFromCoreDevice(r -> r.coreDeviceThingName("ev-core")
                .entries(e -> e.thingName("ev-sensor-2")));

        JsonNode page = poll("?after=" + from);
        List<String> seen = events(page).stream().map(e -> e.get("eventType").asString() + " "
                + e.get("operation").asString()).toList();
        assertThat(seen).containsExactly("THING_EVENT CREATED", "THING_EVENT UPDATED", "THING_EVENT CREATED",
                "THING_EVENT CREATED", "CORE_DEVICE_EVENT CREATED", "ASSOCIATION_EVENT ASSOCIATED",
                "ASSOCIATION_EVENT ASSOCIATED", "CERTIFICATE_EVENT CREATED", "PRINCIPAL_ATTACHMENT_EVENT CREATED",
                "CONNECTIVITY_INFO_EVENT UPDATED", "ASSOCIATION_EVENT DISASSOCIATED");
        List<JsonNode> events = events(page);
        JsonNode created = events.get(0);
        assertThat(created.get("eventId").asString()).hasSize(36);
        assertThat(created.get("timestamp").asLong()).isBetween(Instant.now().minusSeconds(60).toEpochMilli(),
                Instant.now().toEpochMilli());
        assertThat(created.get("accountId").asString()).isEqualTo(ACCOUNT);
        assertThat(created.get("thingId").asString()).isEqualTo(thing.thingId());
        assertThat(created.get("thingName").asString()).isEqualTo("ev-sensor");
        assertThat(created.get("versionNumber").asLong()).isEqualTo(1);
        assertThat(created.get("attributes").get("line").asString()).isEqualTo("1");
        assertThat(events.get(1).get("versionNumber").asLong()).isEqualTo(2);
        assertThat(events.get(1).get("attributes").get("line").asString()).isEqualTo("2");
        assertThat(events.get(5).get("coreDeviceThingName").asString()).isEqualTo("ev-core");
        assertThat(List.of(events.get(5).get("clientDeviceThingName").asString(),
                events.get(6).get("clientDeviceThingName").asString()))
                .containsExactlyInAnyOrder("ev-sensor", "ev-sensor-2");
        assertThat(events.get(5).get("eventId").asString()).isNotEqualTo(events.get(6).get("eventId").asString());
        assertThat(events.get(7).get("certificateId").asString()).isEqualTo(keys.certificateId());
        assertThat(events.get(7).get("status").asString()).isEqualTo("ACTIVE");
        assertThat(events.get(8).get("principal").asString()).isEqualTo(keys.certificateArn());
        assertThat(events.get(9).get("connectivityInfo").get(0).get("hostAddress").asString()).isEqualTo("10.0.0.1");
        assertThat(events.get(10).get("clientDeviceThingName").asString()).isEqualTo("ev-sensor-2");

        String cursor = page.get("cursor").asString();
        assertThat(events(poll("?after=" + cursor))).as("nothing after the last cursor").isEmpty();
        iot.deleteThing(r -> r.thingName("ev-sensor"));
        JsonNode deletion = poll("?after=" + cursor);
        assertThat(events(deletion)).extracting(e -> e.get("eventType").asString() + " "
                + e.get("operation").asString() + " " + e.path("clientDeviceThingName").asString(""))
                .as("what the deletion took with it comes first")
                .containsExactly("ASSOCIATION_EVENT DISASSOCIATED ev-sensor", "THING_EVENT DELETED ");
        cursor = deletion.get("cursor").asString();
        assertThat(events(poll("?after=" + cursor))).isEmpty();
        assertThat(events(poll("?after=" + from)).get(0).get("eventId").asString())
                .as("the same events again, with the same ids").isEqualTo(created.get("eventId").asString());
        assertThat(events(poll("?after=0")).size()).as("from the oldest kept").isGreaterThanOrEqualTo(11);
    }

    @Test
    void aLongPoll_waitsForTheNextChange_andReturnsIt() throws Exception {
        String from = cursorNow();
        long started = System.nanoTime();
        CompletableFuture<JsonNode> waiting = CompletableFuture.supplyAsync(
                () -> poll("?after=" + from + "&waitSeconds=15"));
        Thread.sleep(500);
        assertThat(waiting).isNotDone();
        iot.createThing(r -> r.thingName("ev-awaited"));
        JsonNode page = waiting.get(10, TimeUnit.SECONDS);
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isLessThan(10_000);
        assertThat(events(page)).extracting(e -> e.get("thingName").asString()).containsExactly("ev-awaited");

        long quiet = System.nanoTime();
        JsonNode empty = poll("?after=" + page.get("cursor").asString() + "&waitSeconds=1");
        assertThat(events(empty)).isEmpty();
        assertThat(empty.get("cursor").asString()).isEqualTo(page.get("cursor").asString());
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - quiet)).isGreaterThanOrEqualTo(900);
    }

    @Test
    void badParameters_areRefused() {
        RawClient.RawResponse bad = server.raw().request("GET", "/corelink/v1/events?after=-1&waitSeconds=21")
                .service("greengrass").send();
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.header("x-amzn-errortype")).isEqualTo("ValidationException");
        assertThat(bad.body()).contains("after").contains("waitSeconds");
    }

    @Test
    void serverSentEvents_streamTheChanges_andResumeFromLastEventId() throws Exception {
        String from = cursorNow();
        iot.createThing(r -> r.thingName("ev-sse-1"));
        iot.createThing(r -> r.thingName("ev-sse-2"));
        String lastId;
        try (EventStream stream = EventStream.open(from)) {
            List<String> data = stream.dataLines(2);
            assertThat(data).extracting(d -> Json.parse(d.getBytes(StandardCharsets.UTF_8)).get("thingName")
                    .asString()).containsExactly("ev-sse-1", "ev-sse-2");
            iot.createThing(r -> r.thingName("ev-sse-3"));
            assertThat(stream.dataLines(1).get(0)).contains("ev-sse-3");
            lastId = stream.lastId;
        }
        iot.createThing(r -> r.thingName("ev-sse-4"));
        try (EventStream resumed = EventStream.open(null, lastId)) {
            assertThat(resumed.dataLines(1).get(0)).contains("ev-sse-4");
            assertThat(resumed.contentType).startsWith("text/event-stream");
        }
    }

    /** A signed Server-Sent Events request, read line by line. */
    private static final class EventStream implements AutoCloseable {
        private final HttpResponse<Stream<String>> response;
        private final Iterator<String> lines;
        private final String contentType;
        private String lastId = "";

        private EventStream(HttpResponse<Stream<String>> response) {
            this.response = response;
            this.lines = response.body().iterator();
            this.contentType = response.headers().firstValue("content-type").orElse("");
        }

        static EventStream open(String after) throws IOException, InterruptedException {
            return open(after, null);
        }

        static EventStream open(String after, String lastEventId) throws IOException, InterruptedException {
            URI uri = server.endpoint().resolve("/corelink/v1/events" + (after == null ? "" : "?after=" + after));
            Map<String, String> headers = new java.util.HashMap<>(Map.of("accept", "text/event-stream"));
            if (lastEventId != null) {
                headers.put("last-event-id", lastEventId);
            }
            Map<String, String> signed = SigV4Signer.sign("GET", uri, headers, new byte[0], TestServer.ACCESS_KEY_ID,
                    TestServer.SECRET, TestServer.REGION, "greengrass", Instant.now());
            HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET();
            signed.forEach((name, value) -> {
                if (!"host".equalsIgnoreCase(name) && !"content-length".equalsIgnoreCase(name)) {
                    request.header(name, value);
                }
            });
            HttpResponse<Stream<String>> response = HttpClient.newHttpClient().send(request.build(),
                    HttpResponse.BodyHandlers.ofLines());
            assertThat(response.statusCode()).isEqualTo(200);
            return new EventStream(response);
        }

        /** The next {@code count} {@code data:} lines; notes the last {@code id:}. */
        List<String> dataLines(int count) {
            List<String> data = new ArrayList<>();
            while (data.size() < count && lines.hasNext()) {
                String line = lines.next();
                if (line.startsWith("data: ")) {
                    data.add(line.substring("data: ".length()));
                } else if (line.startsWith("id: ")) {
                    lastId = line.substring("id: ".length());
                } else {
                    // An "event:" field would hide the message from an EventSource's onmessage handler.
                    assertThat(line).as("only data, id, comments and blank lines").matches("|:.*");
                }
            }
            // the id line of a one-event change follows its data's change: read to the blank line after it
            return data;
        }

        @Override
        public void close() {
            response.body().close();
        }
    }
}
