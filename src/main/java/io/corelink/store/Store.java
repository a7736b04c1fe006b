package io.corelink.store;

import io.corelink.domain.event.ChangeEvent;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The persistent state of one Corelink deployment. Each call runs {@code work} atomically, as one transaction: it
 * commits when {@code work} returns, durably, before the call returns; it rolls back when {@code work} throws, and
 * the exception propagates unchanged. (A store may commit several concurrent writes together, each inside its own
 * savepoint; that changes nothing a caller can observe.)
 *
 * <p>Read transactions see one consistent snapshot and may run concurrently; write transactions are serialised per
 * row by the database.
 *
 * @throws StoreUnavailableException from either method when the database cannot be reached or fails
 */
public interface Store extends AutoCloseable {

    <T> T read(Function<StoreTransaction, T> work);

    <T> T write(Function<StoreTransaction, T> work);

    /**
     * A write holding a lock on {@code subject} for its whole transaction, on every node sharing the store: for hot
     * spots (one core device's associations) where concurrent optimistic transactions would keep aborting each other,
     * writes that conflict take turns ({@link SubjectLock#EXCLUSIVE}) while writes that do not run together
     * ({@link SubjectLock#SHARED}). Otherwise exactly {@link #write}, with its failure cases; waiting for the lock
     * counts against the store timeout.
     */
    default <T> T write(String subject, SubjectLock lock, Function<StoreTransaction, T> work) {
        return write(work);
    }

    /**
     * As {@link #write(String, SubjectLock, Function)}, for a work that is expected to append the event
     * {@code expected} makes to the outbox: a store that records change events may make that event and its row on the
     * caller's thread, before the write waits for the writer, and use the row when the work appends an event that
     * records the same change ({@link ChangeEvent#sameChangeAs}), with that event's own id and time. A hint only:
     * what is stored is the same either way, and an expected event the work does not append is not stored.
     *
     * <p>{@code expected} is called at most once, on the caller's thread, before the work; not at all by a store that
     * records no change events. It must have no side effect: an exception it throws fails the write before the work
     * runs, having changed nothing.
     */
    default <T> T write(String subject, SubjectLock lock, Supplier<ChangeEvent> expected,
                        Function<StoreTransaction, T> work) {
        return write(subject, lock, work);
    }

    /**
     * A number that grows with every write transaction this node commits; caches of derived data compare it to know
     * that nothing changed here since they were filled.
     */
    long changeCount();

    /** Whether other nodes write to this store too (PostgreSQL), so that its changes are not all this node's. */
    default boolean sharedByNodes() {
        return false;
    }

    /**
     * The token buckets every node of this store's deployment shares, for a store several nodes share (PostgreSQL);
     * empty for a store one node owns (SQLite), whose node keeps its buckets in memory.
     */
    default java.util.Optional<SharedBuckets> sharedBuckets() {
        return java.util.Optional.empty();
    }

    /**
     * Gives the change events committed since the last call their positions in the deployment's stream, in the order
     * they became visible, when the store does not at commit (PostgreSQL: concurrent transactions on several nodes
     * commit in an order their ids do not show); one node at a time does it, the others return 0 at once.
     *
     * @return how many events were given a position
     */
    default int sequenceChanges() {
        return 0;
    }

    /** Tells {@code observer} how long each transaction takes from now on (none is told by default). */
    default void observeTransactions(TransactionObserver observer) {
    }

    /**
     * Whether changes write their change events to the outbox (on by default); off, {@code tx.events().append}
     * writes nothing, so that a deployment without change events keeps no outbox to purge.
     */
    default void recordChangeEvents(boolean on) {
    }

    /** Whether the store answers a trivial query now; for health checks. May wait up to the store timeout. */
    boolean isHealthy();

    /**
     * Why writes fail, when a recent write failed because the database refuses to store anything (a full disk, a
     * read-only file); empty once a write succeeds again, or a minute after the last such failure. For health checks:
     * reads may still work.
     */
    default java.util.Optional<String> writeProblem() {
        return java.util.Optional.empty();
    }

    @Override
    void close();
}
