package io.corelink.service;

import io.corelink.domain.audit.AuditQuery;
import io.corelink.domain.audit.AuditRecord;
import io.corelink.store.AuditScope;
import io.corelink.store.Store;
import io.corelink.store.StoreUnavailableException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit log (operations.md §3).
 * <ul>
 *   <li>A change's record is bound to its request ({@link #bind}) and written by the store in the change's own
 *   transaction: a change is never committed without its record, nor a record without its change.</li>
 *   <li>A denial or a failed authentication changes nothing; its record is queued ({@link #append}) and written in
 *   batches by one background thread, so that a flood of refused requests costs a few transactions, not one each.
 *   The queue is bounded ({@link #QUEUE_CAPACITY}); past it records are dropped, counted and warned about, never
 *   the requests held. {@link #flush} waits for what is queued, so a lookup on this node sees what it refused.</li>
 *   <li>Records older than the retention are deleted in the background, in chunks, {@link #FIRST_PURGE} after the
 *   start and then every {@link #PURGE_INTERVAL}.</li>
 * </ul>
 */
public final class AuditLog implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AuditLog.class);
    static final int QUEUE_CAPACITY = 10_000;
    private static final int BATCH = 500;
    private static final int PURGE_CHUNK = 5_000;
    static final Duration PURGE_INTERVAL = Duration.ofHours(1);
    /**
     * When the first purge runs: soon, so that a node started after a long stop deletes what expired meanwhile, and
     * so that the JIT meets the purge's write while the node warms up. Once requests' writes have made the write path
     * hot, the purge's is the first there without an audit record, and the JIT discards and recompiles that path's
     * code when it meets one (measured: a minute after start, in the middle of the recording bench's rounds). Not at
     * once, so that the start itself is not slowed.
     */
    static final Duration FIRST_PURGE = Duration.ofSeconds(5);
    private static final long FLUSH_WAIT_MILLIS = 2_000;

    private final Store store;
    private final Clock clock;
    private final Duration retention;
    private final BlockingQueue<AuditRecord> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private final AtomicLong queued = new AtomicLong();
    private final AtomicLong settled = new AtomicLong(); // written, or given up on
    private final AtomicLong dropped = new AtomicLong();
    private volatile long droppedWarnedAt = System.nanoTime() - TimeUnit.MINUTES.toNanos(2);
    private final Thread writer;
    private final ScheduledExecutorService purger;
    private volatile boolean closed;

    /** @param retentionDays how long records are kept, at least one day */
    public AuditLog(Store store, Clock clock, int retentionDays) {
        if (retentionDays < 1) {
            throw new IllegalArgumentException("the audit log keeps its records for at least one day");
        }
        this.store = store;
        this.clock = clock;
        this.retention = Duration.ofDays(retentionDays);
        this.writer = new Thread(this::writeQueued, "corelink-audit-writer");
        writer.setDaemon(true);
        writer.start();
        this.purger = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "corelink-audit-retention");
            thread.setDaemon(true);
            return thread;
        });
        purger.scheduleWithFixedDelay(this::purgeQuietly, FIRST_PURGE.toSeconds(), PURGE_INTERVAL.toSeconds(),
                TimeUnit.SECONDS);
    }

    /** The binding of a change's record to the request that makes it; close it when the request ends. */
    public interface Binding extends AutoCloseable {
        /** Whether a committed write of the request carried the record. */
        boolean recorded();

        @Override
        void close();
    }

    /**
     * Binds {@code record} to this thread: the request's first write that commits carries it in its transaction. The
     * record is made on this thread, just before that write.
     */
    public Binding bind(Supplier<AuditRecord> record) {
        AuditScope scope = AuditScope.open(record);
        return new Binding() {
            @Override
            public boolean recorded() {
                return scope.recorded();
            }

            @Override
            public void close() {
                scope.close();
            }
        };
    }

    /** Queues the record of a request that changed nothing (a denial, a failed authentication). */
    public void append(AuditRecord record) {
        if (closed) {
            return;
        }
        if (queue.offer(record)) {
            queued.incrementAndGet();
            return;
        }
        long lost = dropped.incrementAndGet();
        long now = System.nanoTime();
        if (now - droppedWarnedAt > TimeUnit.MINUTES.toNanos(1)) {
            droppedWarnedAt = now;
            LOG.warn("the audit log's queue is full ({} records waiting for the store); {} records of refused "
                    + "requests dropped so far", QUEUE_CAPACITY, lost);
        }
    }

    /** How many records of refused requests were dropped because the queue was full. */
    public long dropped() {
        return dropped.get();
    }

    /** Waits (at most two seconds) until every record queued before this call is written or given up on. */
    public void flush() {
        long target = queued.get();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(FLUSH_WAIT_MILLIS);
        synchronized (settled) {
            while (settled.get() < target && System.nanoTime() < deadline && !closed) {
                try {
                    settled.wait(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /**
     * The records matching {@code query}, newest first, below the sequence {@code before} (from the newest when null);
     * this node's queued records are written first.
     */
    public Page<AuditRecord> lookup(AuditQuery query, @Nullable Long before, int limit) {
        flush();
        return Page.of(store.read(tx -> tx.audit().find(query, before, limit + 1)), limit);
    }

    /** Deletes the records older than the retention; returns how many. */
    public long purge() {
        Instant cutoff = clock.instant().minus(retention);
        long total = 0;
        while (true) {
            int deleted = store.write(tx -> tx.audit().deleteOlderThan(cutoff, PURGE_CHUNK));
            total += deleted;
            if (deleted < PURGE_CHUNK) {
                return total;
            }
        }
    }

    private void purgeQuietly() {
        try {
            long deleted = purge();
            if (deleted > 0) {
                LOG.info("deleted {} audit records older than {} days", deleted, retention.toDays());
            }
        } catch (RuntimeException e) {
            LOG.warn("cannot delete old audit records: {}", e.getMessage());
        }
    }

    private void writeQueued() {
        List<AuditRecord> batch = new ArrayList<>(BATCH);
        while (!closed || !queue.isEmpty()) {
            try {
                AuditRecord first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, BATCH - 1);
                writeBatch(batch);
            } catch (InterruptedException e) {
                if (closed) {
                    Thread.currentThread().interrupt();
                }
            } finally {
                settle(batch.size());
                batch.clear();
            }
        }
    }

    /**
     * Writes a batch, retrying while the store is unavailable for as long as this node runs; a batch the database
     * refuses as data (which no retry would change) is dropped, with a warning.
     */
    private void writeBatch(List<AuditRecord> records) throws InterruptedException {
        for (long pause = 100; ; pause = Math.min(pause * 2, 5_000)) {
            try {
                store.write(tx -> {
                    tx.audit().append(records);
                    return null;
                });
                return;
            } catch (StoreUnavailableException e) {
                if (closed || e.refusedTheData()) {
                    LOG.warn("{} audit records of refused requests could not be written: {}", records.size(),
                            e.getMessage());
                    return;
                }
                LOG.warn("cannot write {} audit records yet, retrying: {}", records.size(), e.getMessage());
                Thread.sleep(pause);
            }
        }
    }

    private void settle(int count) {
        synchronized (settled) {
            settled.addAndGet(count);
            settled.notifyAll();
        }
    }

    /** Writes what is queued (waiting at most a few seconds), then stops; the store must still be open. */
    @Override
    public void close() {
        flush();
        closed = true;
        purger.shutdownNow();
        try {
            writer.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
