package io.corelink.store.jdbc;

import io.corelink.domain.audit.AuditQuery;
import io.corelink.domain.audit.AuditRecord;
import io.corelink.store.AuditRepository;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;
import org.jspecify.annotations.Nullable;

final class JdbcAuditRepository implements AuditRepository {
    private final Handle handle;
    private final SqlStatements sql;
    private final LongAdder executed;
    private final boolean compressLongTexts;

    /**
     * @param executed counts the statements run with plain JDBC, as the store counts JDBI's
     * @param compressLongTexts whether long request parameters are written compressed ({@link CompressedText})
     */
    JdbcAuditRepository(Handle handle, SqlStatements sql, LongAdder executed, boolean compressLongTexts) {
        this.handle = handle;
        this.sql = sql;
        this.executed = executed;
        this.compressLongTexts = compressLongTexts;
    }

    /**
     * A record as its row stores it: its {@code requestParameters} compressed when long ({@link CompressedText}), made
     * before the write so that a change's record costs its writer only the insert.
     */
    record Row(AuditRecord record, byte @Nullable [] compressedParameters) {
    }

    /**
     * The row of {@code record}, its long parameters compressed if {@code compress}: a change's record is made so on
     * its request's thread. (The batches of refused requests' records are made on the writer, by {@link #append}.)
     */
    static Row row(AuditRecord record, boolean compress) {
        return new Row(record, compress ? CompressedText.compress(record.requestParameters()) : null);
    }

    @Override
    public void append(List<AuditRecord> records) {
        appendRows(records.stream().map(record -> row(record, compressLongTexts)).toList());
    }

    /** Appends records whose rows are made already. */
    void appendRows(List<Row> rows) {
        // Every change runs this on the writer: plain JDBC (see PlainStatement).
        PlainStatement.insert(handle, sql.get("insertAuditEvent"), rows, JdbcAuditRepository::bind, executed);
    }

    private static void bind(PreparedStatement statement, Row row) throws SQLException {
        AuditRecord record = row.record();
        statement.setLong(1, record.eventTime().toEpochMilli());
        statement.setString(2, record.eventId());
        statement.setString(3, record.eventSource());
        statement.setString(4, record.eventName());
        statement.setString(5, record.principal());
        statement.setString(6, record.principalArn());
        statement.setString(7, record.userIdentity());
        statement.setString(8, record.sourceIp());
        statement.setString(9, record.userAgent());
        statement.setString(10, record.requestId());
        statement.setInt(11, record.readOnly() ? 1 : 0);
        statement.setString(12, record.errorCode());
        statement.setString(13, record.errorMessage());
        statement.setString(14, row.compressedParameters() == null ? record.requestParameters() : null);
        statement.setBytes(15, row.compressedParameters());
    }

    @Override
    public List<AuditRecord> find(AuditQuery query, @Nullable Long before, int limit) {
        StringBuilder filters = new StringBuilder();
        if (query.eventName() != null) {
            filters.append(' ').append(sql.get("auditEventNameFilter"));
        }
        if (query.principal() != null) {
            filters.append(' ').append(sql.get("auditPrincipalFilter"));
        }
        Query statement = handle.createQuery(sql.get("findAuditEvents"))
                .define("filters", filters.toString())
                .bind("before", before == null ? Long.MAX_VALUE : before)
                .bind("start", query.start() == null ? Long.MIN_VALUE : query.start().toEpochMilli())
                .bind("end", query.end() == null ? Long.MAX_VALUE : query.end().toEpochMilli())
                .bind("limit", limit);
        if (query.eventName() != null) {
            statement.bind("eventName", query.eventName());
        }
        if (query.principal() != null) {
            statement.bind("principal", query.principal());
        }
        return statement.map((rs, ctx) -> record(rs)).list();
    }

    private static AuditRecord record(ResultSet rs) throws SQLException {
        return new AuditRecord(rs.getLong(1), rs.getString(2), Instant.ofEpochMilli(rs.getLong(3)), rs.getString(4),
                rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
                rs.getString(10), rs.getString(11), rs.getInt(12) != 0, rs.getString(13), rs.getString(14),
                CompressedText.read(rs.getString(15), rs.getBytes(16), "audit record " + rs.getLong(1)));
    }

    @Override
    public int deleteOlderThan(Instant cutoff, int limit) {
        return handle.createUpdate(sql.get("deleteOldAuditEvents"))
                .bind("cutoff", cutoff.toEpochMilli())
                .bind("limit", limit)
                .execute();
    }
}
