package io.corelink.api.events;

import io.corelink.domain.Account;
import io.corelink.domain.event.StoredChange;
import io.corelink.wire.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The change events of a stored change, as clients receive them (operations.md §4): the envelope
 * ({@code eventType}, {@code eventId}, {@code timestamp} in epoch milliseconds, {@code operation},
 * {@code accountId}), then the change's members. A change that fans out is one event per name, each with an
 * {@code eventId} derived from the change's (the same every time it is read, so that a consumer can drop what it
 * already had).
 */
public final class EventJson {
    private EventJson() {
    }

    public static List<ObjectNode> render(StoredChange change, Account account) {
        JsonNode members = Json.parse(change.membersJson().getBytes(StandardCharsets.UTF_8));
        String fanOutMember = change.fanOutMember();
        if (fanOutMember == null) {
            return List.of(event(change, change.eventId(), members, account));
        }
        List<ObjectNode> events = new ArrayList<>(change.fanOut().size());
        for (int i = 0; i < change.fanOut().size(); i++) {
            String eventId = UUID.nameUUIDFromBytes((change.eventId() + "/" + i).getBytes(StandardCharsets.UTF_8))
                    .toString();
            ObjectNode event = event(change, eventId, members, account);
            event.put(fanOutMember, change.fanOut().get(i));
            events.add(event);
        }
        return events;
    }

    private static ObjectNode event(StoredChange change, String eventId, JsonNode members, Account account) {
        ObjectNode event = Json.object();
        event.put("eventType", change.type().name());
        event.put("eventId", eventId);
        event.put("timestamp", change.timestamp().toEpochMilli());
        event.put("operation", change.operation().name());
        event.put("accountId", account.accountId());
        for (Map.Entry<String, JsonNode> member : members.properties()) {
            event.set(member.getKey(), member.getValue());
        }
        return event;
    }
}
