package io.corelink.store.jdbc;

import io.corelink.domain.audit.AuditQuery;
import io.corelink.domain.audit.AuditRecord;
import io.corelink.store.AuditRepository;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.Query;
import org.jspecify.annotations.Nullable;

final class JdbcAuditRepository implements AuditRepository {
    private final Handle handle;
    private final SqlStatements sql;

    JdbcAuditRepository(Handle handle, SqlStatements sql) {
        this.handle = handle;
        this.sql = sql;
    }

    @Override
    public void append(List<AuditRecord> records) {
        if (records.size() == 1) {
            bind(handle.createUpdate(sql.get("insertAuditEvent")), records.get(0)).execute();
            return;
        }
        if (records.isEmpty()) {
            return;
        }
        PreparedBatch batch = handle.prepareBatch(sql.get("insertAuditEvent"));
        for (AuditRecord record : records) {
            bind(batch, record).add();
        }
        batch.execute();
    }

    private static <S extends org.jdbi.v3.core.statement.SqlStatement<S>> S bind(S statement, AuditRecord record) {
        return statement.bind("eventTime", record.eventTime().toEpochMilli())
                .bind("eventId", record.eventId())
                .bind("eventSource", record.eventSource())
                .bind("eventName", record.eventName())
                .bind("principal", record.principal())
                .bind("principalArn", record.principalArn())
                .bind("userIdentity", record.userIdentity())
                .bind("sourceIp", record.sourceIp())
                .bind("userAgent", record.userAgent())
                .bind("requestId", record.requestId())
                .bind("readOnly", record.readOnly() ? 1 : 0)
                .bind("errorCode", record.errorCode())
                .bind("errorMessage", record.errorMessage())
                .bind("requestParameters", record.requestParameters());
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
                rs.getString(15));
    }

    @Override
    public int deleteOlderThan(Instant cutoff, int limit) {
        return handle.createUpdate(sql.get("deleteOldAuditEvents"))
                .bind("cutoff", cutoff.toEpochMilli())
                .bind("limit", limit)
                .execute();
    }
}
