package io.corelink.api.events;

import io.corelink.domain.Account;
import io.corelink.domain.event.StoredChange;
import io.corelink.service.ChangeEvents;
import io.corelink.wire.error.AwsError;
import io.corelink.wire.error.AwsException;
import io.corelink.wire.error.ServiceFamily;
import io.corelink.wire.http.ApiRequest;
import io.corelink.wire.http.ApiResponse;
import io.corelink.wire.http.Operation;
import io.corelink.wire.http.ResponseWriter;
import io.corelink.wire.http.Violations;
import io.corelink.wire.json.Json;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code GET /corelink/v1/events?after=CURSOR&waitSeconds=N} (operations.md §4; action {@code corelink:GetEvents}).
 * <ul>
 *   <li>A long poll: {@code {"events":[…],"cursor":"…"}}, the events after {@code after} in the deployment's commit
 *   order, waiting up to {@code waitSeconds} (0..20, default 0) for the first; the cursor is where the next poll
 *   starts. Without {@code after}: no events and the cursor of the latest (follow from now); {@code after=0}: from
 *   the oldest event kept.</li>
 *   <li>With {@code Accept: text/event-stream}: the same as Server-Sent Events, one {@code data:} line of JSON an
 *   event, each change's last event carrying its cursor as {@code id:}, resuming after {@code Last-Event-ID} (or
 *   {@code after}; else from now), a comment every 15 s to keep the connection open. No {@code event:} field: an
 *   {@code EventSource}'s {@code onmessage} sees only untyped messages, and the JSON's {@code eventType} names the
 *   type.</li>
 * </ul>
 * Delivery is at least once: a client that resumes from a cursor may see again the events of the change it was in.
 */
public final class EventsHandler implements Operation {
    static final int MAX_WAIT_SECONDS = 20;
    private static final int PAGE = 100;
    private static final Duration HEARTBEAT = Duration.ofSeconds(15);

    private final ChangeEvents events;
    private final Account account;

    public EventsHandler(ChangeEvents events, Account account) {
        this.events = events;
        this.account = account;
    }

    @Override
    public ApiResponse handle(ApiRequest request) {
        Violations violations = new Violations(ServiceFamily.GREENGRASS);
        Long after = violations.optional("after", request.query().first("after"), EventsHandler::cursor);
        Integer wait = violations.integer("waitSeconds", request.query().first("waitSeconds"), 0, MAX_WAIT_SECONDS);
        String accept = request.header("accept");
        boolean stream = accept != null && accept.toLowerCase(Locale.ROOT).contains("text/event-stream");
        String lastEventId = request.header("last-event-id");
        // A reconnecting stream resumes from its Last-Event-ID, whatever its URL says.
        Long resume = stream && lastEventId != null
                ? violations.optional("Last-Event-ID", lastEventId, EventsHandler::cursor) : after;
        violations.throwIfAny();
        if (stream) {
            long from = resume != null ? resume : events.latest();
            return ApiResponse.ok(new ResponseWriter.StreamBody("text/event-stream", sink -> serve(from, sink)));
        }
        ObjectNode response = Json.object();
        ArrayNode list = response.putArray("events");
        if (after == null) {
            response.put("cursor", Long.toString(events.latest()));
            return ApiResponse.ok(response);
        }
        List<StoredChange> changes;
        try {
            changes = events.await(after, PAGE, Duration.ofSeconds(wait == null ? 0 : wait));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AwsException(AwsError.ServiceUnavailableException, "The server is stopping. Retry later.");
        }
        long cursor = after;
        for (StoredChange change : changes) {
            EventJson.render(change, account).forEach(list::add);
            cursor = change.position();
        }
        response.put("cursor", Long.toString(cursor));
        return ApiResponse.ok(response);
    }

    private void serve(long from, ResponseWriter.TextSink sink) throws java.io.IOException, InterruptedException {
        sink.send(": corelink change events\n\n");
        long position = from;
        while (!events.closed()) {
            List<StoredChange> changes = events.await(position, PAGE, HEARTBEAT);
            if (changes.isEmpty()) {
                sink.send(": keep-alive\n\n");
                continue;
            }
            StringBuilder text = new StringBuilder();
            for (StoredChange change : changes) {
                List<ObjectNode> rendered = EventJson.render(change, account);
                for (int i = 0; i < rendered.size(); i++) {
                    if (i == rendered.size() - 1) {
                        text.append("id: ").append(change.position()).append('\n');
                    }
                    text.append("data: ").append(rendered.get(i)).append("\n\n");
                }
                position = change.position();
            }
            sink.send(text.toString());
        }
    }

    private static Long cursor(String value) {
        try {
            long cursor = Long.parseLong(value.strip());
            if (cursor >= 0) {
                return cursor;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new io.corelink.domain.error.InvalidValueException("Member must be a cursor returned by a previous "
                + "call, or 0 for the oldest event kept");
    }
}
