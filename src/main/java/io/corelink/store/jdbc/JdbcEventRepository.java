package io.corelink.store.jdbc;

import io.corelink.domain.event.ChangeEvent;
import io.corelink.domain.event.StoredChange;
import io.corelink.store.EventRepository;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import org.jdbi.v3.core.Handle;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

final class JdbcEventRepository implements EventRepository {
    // The outbox keeps an event's members as JSON text: the store's format for a document it never queries into.
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Handle handle;
    private final SqlStatements sql;
    private final boolean recording;

    private final LongAdder executed;
    private final boolean compressLongTexts;
    private final @Nullable Expected expected;

    /**
     * @param executed counts the statements run with plain JDBC, as the store counts JDBI's
     * @param compressLongTexts whether a long fan-out is written compressed ({@link CompressedText})
     * @param expected the row of the event the transaction's work is expected to append, made before the write; null
     *     when none is
     */
    JdbcEventRepository(Handle handle, SqlStatements sql, boolean recording, LongAdder executed,
                        boolean compressLongTexts, @Nullable Expected expected) {
        this.handle = handle;
        this.sql = sql;
        this.recording = recording;
        this.executed = executed;
        this.compressLongTexts = compressLongTexts;
        this.expected = expected;
    }

    /**
     * An event's row as the outbox stores it, but for its id and time: its members as JSON, its fan-out one name a
     * line, compressed when long ({@link CompressedText}).
     */
    record Row(ChangeEvent event, String members, @Nullable String fanOut, byte @Nullable [] compressedFanOut) {
    }

    /** The row made before a write for the event its work is expected to append, and what counts its uses. */
    record Expected(Row row, LongAdder used) {
    }

    /**
     * The row of {@code event}. Made on the writer for an event that only the transaction knows (a 100-name
     * fan-out compresses in about a microsecond, less than the page it saves costs the commit); made on
     * the caller's thread for the event a write is expected to append ({@link io.corelink.store.Store#write(String,
     * io.corelink.store.SubjectLock, java.util.function.Supplier, java.util.function.Function)}), so that the one
     * writer every change waits for only inserts it.
     */
    static Row row(ChangeEvent event, boolean compress) {
        String fanOut = event.fanOutMember() == null ? null : String.join("\n", event.fanOut());
        byte[] compressed = compress ? CompressedText.compress(fanOut) : null;
        return new Row(event, JSON.writeValueAsString(event.members()), compressed == null ? fanOut : null,
                compressed);
    }

    @Override
    public void append(List<ChangeEvent> events) {
        if (!recording) {
            return;
        }
        // Every change runs this on the writer: plain JDBC (see PlainStatement).
        PlainStatement.insert(handle, sql.get("insertChangeEvent"), events, this::bind, executed);
    }

    private void bind(PreparedStatement statement, ChangeEvent event) throws SQLException {
        Row row;
        if (expected != null && expected.row().event().sameChangeAs(event)) {
            row = expected.row();
            expected.used().increment();
        } else {
            row = row(event, compressLongTexts);
        }
        statement.setString(1, event.eventId());
        statement.setLong(2, event.timestamp().toEpochMilli());
        statement.setString(3, event.type().name());
        statement.setString(4, event.operation().name());
        statement.setString(5, row.members());
        statement.setString(6, event.fanOutMember());
        statement.setString(7, row.fanOut());
        statement.setBytes(8, row.compressedFanOut());
    }

    @Override
    public List<StoredChange> after(long position, int limit) {
        return handle.createQuery(sql.get("findChangeEventsAfter")).bind("after", position).bind("limit", limit)
                .map((rs, ctx) -> change(rs)).list();
    }

    private static StoredChange change(ResultSet rs) throws SQLException {
        String fanOut = CompressedText.read(rs.getString(8), rs.getBytes(9), "change event " + rs.getLong(1));
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
