package io.corelink.store;

import io.corelink.domain.audit.AuditQuery;
import io.corelink.domain.audit.AuditRecord;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The audit log's records (operations.md §3). */
public interface AuditRepository {
    /** Adds the records, in one batch. */
    void append(List<AuditRecord> records);

    /**
     * At most {@code limit} records matching {@code query}, newest first (by {@link AuditRecord#sequence}), starting
     * below {@code before} (or from the newest when null). A lookup reads the log from the newest record on.
     */
    List<AuditRecord> find(AuditQuery query, @Nullable Long before, int limit);

    /** Deletes at most {@code limit} of the oldest records older than {@code cutoff}; returns how many it deleted. */
    int deleteOlderThan(Instant cutoff, int limit);
}
