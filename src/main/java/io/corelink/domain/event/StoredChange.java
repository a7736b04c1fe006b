package io.corelink.domain.event;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A {@link ChangeEvent} as the outbox holds it, at its {@code position} in the deployment's stream (ascending in
 * commit order), its members as the JSON object text they were written as.
 */
public record StoredChange(long position, String eventId, Instant timestamp, ChangeEvent.EventType type,
                           ChangeEvent.Operation operation, String membersJson, @Nullable String fanOutMember,
                           List<String> fanOut) {
    public StoredChange {
        fanOut = List.copyOf(fanOut);
    }
}
