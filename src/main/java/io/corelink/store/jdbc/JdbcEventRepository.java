package io.corelink.store.jdbc;

import io.corelink.domain.event.ChangeEvent;
import io.corelink.domain.event.StoredChange;
import io.corelink.store.EventRepository;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import tools.jackson.databind.json.JsonMapper;

final class JdbcEventRepository implements EventRepository {
    // The outbox keeps an event's members as JSON text: the store's format for a document it never queries into.
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Handle handle;
    private final SqlStatements sql;
    private final boolean recording;

    JdbcEventRepository(Handle handle, SqlStatements sql, boolean recording) {
        this.handle = handle;
        this.sql = sql;
        this.recording = recording;
    }

    @Override
    public void append(List<ChangeEvent> events) {
        if (events.isEmpty() || !recording) {
            return;
        }
        if (events.size() == 1) {
            bind(handle.createUpdate(sql.get("insertChangeEvent")), events.get(0)).execute();
            return;
        }
        PreparedBatch batch = handle.prepareBatch(sql.get("insertChangeEvent"));
        for (ChangeEvent event : events) {
            bind(batch, event).add();
        }
        batch.execute();
    }

    private static <S extends org.jdbi.v3.core.statement.SqlStatement<S>> S bind(S statement, ChangeEvent event) {
        return statement.bind("eventId", event.eventId())
                .bind("eventTime", event.timestamp().toEpochMilli())
                .bind("eventType", event.type().name())
                .bind("operation", event.operation().name())
                .bind("members", JSON.writeValueAsString(event.members()))
                .bind("fanOutMember", event.fanOutMember())
                .bind("fanOut", event.fanOutMember() == null ? null : String.join("\n", event.fanOut()));
    }

    @Override
    public List<StoredChange> after(long position, int limit) {
        return handle.createQuery(sql.get("findChangeEventsAfter")).bind("after", position).bind("limit", limit)
                .map((rs, ctx) -> change(rs)).list();
    }

    private static StoredChange change(ResultSet rs) throws SQLException {
        String fanOut = rs.getString(8);
        return new StoredChange(rs.getLong(1), rs.getString(2), Instant.ofEpochMilli(rs.getLong(3)),
                ChangeEvent.EventType.valueOf(rs.getString(4)), ChangeEvent.Operation.valueOf(rs.getString(5)),
                rs.getString(6), rs.getString(7), fanOut == null || fanOut.isEmpty() ? List.of()
                : List.of(fanOut.split("\n")));
    }

    @Override
    public long latestPosition() {
        return handle.createQuery(sql.get("latestChangePosition")).mapTo(Long.class).one();
    }

    @Override
    public int deleteOlderThan(Instant cutoff, int limit) {
        return handle.createUpdate(sql.get("deleteOldChangeEvents")).bind("cutoff", cutoff.toEpochMilli())
                .bind("limit", limit).execute();
    }

    @Override
    public long webhookCursor(String url, long initial) {
        handle.createUpdate(sql.get("insertWebhookCursor")).bind("url", url).bind("position", initial).execute();
        return handle.createQuery(sql.get("findWebhookCursor")).bind("url", url).mapTo(Long.class).one();
    }

    @Override
    public long storedWebhookCursor(String url) {
        return handle.createQuery(sql.get("findWebhookCursor")).bind("url", url).mapTo(Long.class).findOne()
                .orElse(0L);
    }

    @Override
    public boolean leaseWebhook(String url, String owner, Instant now, Instant until) {
        return handle.createUpdate(sql.get("leaseWebhook")).bind("url", url).bind("owner", owner)
                .bind("now", now.toEpochMilli()).bind("until", until.toEpochMilli()).execute() > 0;
    }

    @Override
    public boolean advanceWebhook(String url, String owner, long position) {
        return handle.createUpdate(sql.get("advanceWebhook")).bind("url", url).bind("owner", owner)
                .bind("position", position).execute() > 0;
    }
}
