package io.corelink.store.jdbc;

import io.corelink.domain.audit.AuditPosition;
import io.corelink.domain.audit.AuditQuery;
import io.corelink.domain.audit.AuditRecord;
import io.corelink.store.AuditRepository;
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
        if (records.isEmpty()) {
            return;
        }
        PreparedBatch batch = handle.prepareBatch(sql.get("insertAuditEvent"));
        for (AuditRecord record : records) {
            batch.bind("eventTime", record.eventTime().toEpochMilli())
                    .bind("eventId", record.eventId())
                    .bind("eventName", record.eventName())
                    .bind("principal", record.principal())
                    .bind("principalArn", record.principalArn())
                    .bind("record", record.json())
                    .add();
        }
        batch.execute();
    }

    @Override
    public List<AuditRecord> find(AuditQuery query, @Nullable AuditPosition after, int limit) {
        StringBuilder filters = new StringBuilder();
        if (query.eventName() != null) {
            filters.append(' ').append(sql.get("auditEventNameFilter"));
        }
        if (query.principal() != null) {
            filters.append(' ').append(sql.get("auditPrincipalFilter"));
        }
        // The end is inclusive: everything before the next millisecond, the first page's "position".
        AuditPosition before = after != null ? after : new AuditPosition(
                query.end() == null ? Long.MAX_VALUE : query.end().toEpochMilli() + 1, "");
        if (query.end() != null && after != null && after.eventTimeMillis() > query.end().toEpochMilli()) {
            before = new AuditPosition(query.end().toEpochMilli() + 1, "");
        }
        Query statement = handle.createQuery(sql.get("findAuditEvents"))
                .define("filters", filters.toString())
                .bind("beforeTime", before.eventTimeMillis())
                .bind("beforeId", before.eventId())
                .bind("start", query.start() == null ? Long.MIN_VALUE : query.start().toEpochMilli())
                .bind("limit", limit);
        if (query.eventName() != null) {
            statement.bind("eventName", query.eventName());
        }
        if (query.principal() != null) {
            statement.bind("principal", query.principal());
        }
        return statement.map((rs, ctx) -> new AuditRecord(rs.getString(2), Instant.ofEpochMilli(rs.getLong(1)),
                rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6))).list();
    }

    @Override
    public int deleteOlderThan(Instant cutoff, int limit) {
        return handle.createUpdate(sql.get("deleteOldAuditEvents"))
                .bind("cutoff", cutoff.toEpochMilli())
                .bind("limit", limit)
                .execute();
    }
}
