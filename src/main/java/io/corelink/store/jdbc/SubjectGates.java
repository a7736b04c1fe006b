package io.corelink.store.jdbc;

import io.corelink.store.SubjectLock;
import io.corelink.store.StoreUnavailableException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * This node's gates in front of the database's subject locks ({@link JdbcStore#write(String, SubjectLock,
 * java.util.function.Function)}): a write passes its subject's gate, shared or exclusive as it will hold the database
 * lock, before it borrows a connection. Without them every waiting write would hold a pooled connection while it
 * waits in the database, and a burst of removals on one core could take the whole pool from unrelated reads and from
 * the health check. With them, the writes of one node queue here, and only the other nodes' are waited for in the
 * database. Fair, so that removals are not starved by a stream of additions; striped, so that their number is bounded
 * (two subjects may share a gate, which costs only some parallelism).
 */
final class SubjectGates {
    private static final int STRIPES = 64;
    private final ReentrantReadWriteLock[] gates = new ReentrantReadWriteLock[STRIPES];

    SubjectGates() {
        for (int i = 0; i < STRIPES; i++) {
            gates[i] = new ReentrantReadWriteLock(true);
        }
    }

    /**
     * Passes the subject's gate; the caller unlocks the returned lock when its write has ended.
     *
     * @throws StoreUnavailableException when the gate does not open before {@code deadlineNanos} (a
     *                                   {@link System#nanoTime()} value) or the thread is interrupted
     */
    Lock pass(String subject, SubjectLock mode, long deadlineNanos) {
        ReentrantReadWriteLock gate = gates[Math.floorMod(subject.hashCode(), STRIPES)];
        Lock lock = mode == SubjectLock.SHARED ? gate.readLock() : gate.writeLock();
        try {
            if (lock.tryLock(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                return lock;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new StoreUnavailableException("timed out waiting for the other writes of " + subject, null);
    }
}
