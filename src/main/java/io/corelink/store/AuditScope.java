package io.corelink.store;

import io.corelink.domain.audit.AuditRecord;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The audit record a request's change is to be written with (operations.md §3), bound to the request's thread while
 * the request runs. The first {@link Store#write} the request makes that commits carries the record in its own
 * transaction: the change and its record commit together or not at all, whatever thread the store runs the work on
 * (the record is made on the caller's thread, before the write is queued). Later writes of the same request carry
 * nothing: one request, one record.
 *
 * <p>Why a thread binding: a change is made deep inside a service, which should not have to carry who called and
 * with what parameters, and the request pipeline that knows it must not reach into the services' transactions.
 */
public final class AuditScope implements AutoCloseable {
    private static final ThreadLocal<AuditScope> CURRENT = new ThreadLocal<>();

    private final Supplier<AuditRecord> record;
    private boolean recorded;

    private AuditScope(Supplier<AuditRecord> record) {
        this.record = record;
    }

    /** Binds a scope to this thread, replacing any other, until {@link #close}. */
    public static AuditScope open(Supplier<AuditRecord> record) {
        AuditScope scope = new AuditScope(record);
        CURRENT.set(scope);
        return scope;
    }

    /** The scope of this thread whose record is still to be written, or null. For the store. */
    public static @Nullable AuditScope pending() {
        AuditScope scope = CURRENT.get();
        return scope == null || scope.recorded ? null : scope;
    }

    /** Makes the record; called once per write that is to carry it, on the caller's thread. */
    public AuditRecord record() {
        return record.get();
    }

    /** Notes that a committed write carried the record. */
    public void markRecorded() {
        recorded = true;
    }

    /** Whether a committed write carried the record. */
    public boolean recorded() {
        return recorded;
    }

    @Override
    public void close() {
        if (CURRENT.get() == this) {
            CURRENT.remove();
        }
    }
}
