package io.corelink.service;

import io.corelink.domain.event.StoredChange;
import io.corelink.store.Store;
import io.corelink.store.StoreUnavailableException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stream of change events (operations.md §4), read from the outbox the services write in each change's
 * transaction. One background thread per node watches the stream's head (every {@link #WATCH_INTERVAL}; on
 * PostgreSQL it first gives newly committed events their positions, one node at a time) and wakes the readers that
 * wait for events, so that any number of long polls costs one query per interval; it also deletes events older than
 * the retention, hourly. It reads the head only while someone needs it: a reader waits, or the head is
 * {@linkplain #followHead followed}; otherwise a node that changes things all the time would read its head twenty
 * times a second for nobody.
 */
public final class ChangeEvents implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ChangeEvents.class);
    static final Duration WATCH_INTERVAL = Duration.ofMillis(50);
    private static final int PURGE_CHUNK = 5_000;
    private static final long PURGE_EVERY = Duration.ofHours(1).toMillis() / WATCH_INTERVAL.toMillis();

    private final Store store;
    private final Clock clock;
    private final Duration retention;
    private final ScheduledExecutorService watcher;
    private final Object headChanged = new Object();
    private volatile long head;
    private long lastChangeCount = -1;
    private final AtomicInteger waiting = new AtomicInteger();
    private volatile boolean headFollowed;
    private final AtomicLong headReads = new AtomicLong();
    private long ticks;
    private volatile boolean closed;

    /** @param retentionDays how long events are kept, at least one day */
    public ChangeEvents(Store store, Clock clock, int retentionDays) {
        if (retentionDays < 1) {
            throw new IllegalArgumentException("change events are kept for at least one day");
        }
        this.store = store;
        this.clock = clock;
        this.retention = Duration.ofDays(retentionDays);
        this.head = store.read(tx -> tx.events().latestPosition());
        this.watcher = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "corelink-change-events");
            thread.setDaemon(true);
            return thread;
        });
        watcher.scheduleWithFixedDelay(this::watch, WATCH_INTERVAL.toMillis(), WATCH_INTERVAL.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /**
     * The stream's head as the watcher last saw it, without a read: at most {@link #WATCH_INTERVAL} old once the head
     * is {@linkplain #followHead followed}; before, only as fresh as the last time a reader waited.
     */
    public long head() {
        return head;
    }

    /** Keeps {@link #head} current from now on, whether or not a reader waits (a webhook's lag gauge needs it). */
    public void followHead() {
        headFollowed = true;
    }

    /** How many times the watcher read the stream's head (for tests). */
    long headReads() {
        return headReads.get();
    }

    /** The position of the latest event in the stream (0: none yet). */
    public long latest() {
        return store.read(tx -> tx.events().latestPosition());
    }

    /** At most {@code limit} changes after {@code position}, in stream order, without waiting. */
    public List<StoredChange> after(long position, int limit) {
        return store.read(tx -> tx.events().after(position, limit));
    }

    /**
     * At most {@code limit} changes after {@code position}; when there are none yet, waits for one up to
     * {@code wait} and returns what there is then (possibly nothing).
     */
    public List<StoredChange> await(long position, int limit, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        // Counted as waiting from before the first read: a change committed between that read and the wait is then
        // seen by the watcher's next tick.
        waiting.incrementAndGet();
        try {
            while (true) {
                List<StoredChange> changes = after(position, limit);
                long left = deadline - System.nanoTime();
                if (!changes.isEmpty() || left <= 0 || closed) {
                    return changes;
                }
                synchronized (headChanged) {
                    if (head <= position) {
                        headChanged.wait(Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(left), 1_000)));
                    }
                }
            }
        } finally {
            waiting.decrementAndGet();
        }
    }

    /** A webhook's cursor; a webhook seen for the first time starts at {@code initial}. */
    public long webhookCursor(String url, long initial) {
        return store.write(tx -> tx.events().webhookCursor(url, initial));
    }

    /** The webhook's cursor as stored (read only); 0 for a new webhook. */
    public long storedWebhookCursor(String url) {
        return store.read(tx -> tx.events().storedWebhookCursor(url));
    }

    /** Takes or renews the webhook's delivery lease for {@code owner} for {@code length}; false when another holds it. */
    public boolean leaseWebhook(String url, String owner, Duration length) {
        Instant now = clock.instant();
        return store.write(tx -> tx.events().leaseWebhook(url, owner, now, now.plus(length)));
    }

    /** Moves the webhook's cursor past what it acknowledged; false when {@code owner} lost the lease meanwhile. */
    public boolean advanceWebhook(String url, String owner, long position) {
        return store.write(tx -> tx.events().advanceWebhook(url, owner, position));
    }

    /** Deletes the events older than the retention (never the latest); returns how many. */
    public long purge() {
        Instant cutoff = clock.instant().minus(retention);
        long total = 0;
        while (true) {
            int deleted = store.write(tx -> tx.events().deleteOlderThan(cutoff, PURGE_CHUNK));
            total += deleted;
            if (deleted < PURGE_CHUNK) {
                return total;
            }
        }
    }

    private void watch() {
        try {
            store.sequenceChanges();
            long changes = store.changeCount();
            // A store only this node writes to: the head moves only when this node's change count did. The count
            // seen is kept only when the head is read, so that a reader who comes later is woken by what it missed.
            if ((waiting.get() > 0 || headFollowed) && (changes != lastChangeCount || store.sharedByNodes())) {
                lastChangeCount = changes;
                headReads.incrementAndGet();
                long latest = store.read(tx -> tx.events().latestPosition());
                if (latest != head) {
                    head = latest;
                    synchronized (headChanged) {
                        headChanged.notifyAll();
                    }
                }
            }
            if (++ticks % PURGE_EVERY == 1) {
                long deleted = purge();
                if (deleted > 0) {
                    LOG.info("deleted {} change events older than {} days", deleted, retention.toDays());
                }
            }
        } catch (StoreUnavailableException e) {
            LOG.debug("the change-event watcher cannot reach the store: {}", e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("the change-event watcher failed: {}", e.toString());
        }
    }

    /** Whether the node is stopping: streams end. */
    public boolean closed() {
        return closed;
    }

    @Override
    public void close() {
        closed = true;
        watcher.shutdownNow();
        synchronized (headChanged) {
            headChanged.notifyAll();
        }
    }
}
