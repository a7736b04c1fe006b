package io.corelink.store.jdbc;

import org.jspecify.annotations.Nullable;
import io.corelink.store.StoreTransaction;
import io.corelink.store.StoreUnavailableException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

/**
 * Group commit for a database with one writer (SQLite): the writes that queue up while one transaction runs are
 * run together in the next one, each inside its own savepoint, and share its commit and its fsync.
 *
 * <p>Why: the commit (an fsync of the WAL) costs the same for one request's rows as for ten. With one transaction per
 * request, the fsync of a slow disk is the ceiling of the write rate; grouping lets concurrent requests share it, as
 * PostgreSQL's own WAL flush does. Where fsync is fast and the CPU is the limit (the 2-core benchmark machines),
 * groups stay small (1.2 on average) and cost nothing.
 *
 * <p>The contract of {@link io.corelink.store.Store#write} holds for every call: its work is atomic (a work that
 * throws is rolled back to its savepoint and its exception reaches its caller alone, the others of its group still
 * commit), durable before the call returns (no call returns before the group's commit), and the calls are
 * serialisable in the order they ran. A lone write waits for nothing: a group is just what is queued when the
 * writer becomes free, and nothing waits for a group to fill.
 *
 * <p>How: flat combining. A caller queues its work, then takes the writer lock; if its work was run by the caller
 * before it, it just returns the outcome, otherwise it runs every queued work (at most {@link #MAX_GROUP}) in one
 * transaction. If the commit itself fails, every work of the group that had succeeded gets a
 * {@link StoreUnavailableException}: nothing of the group was acknowledged, and nothing of it is kept.
 */
final class GroupCommit {
    /** Bounds one transaction's length, so a burst does not hold every waiting caller behind one long commit. */
    static final int MAX_GROUP = 32;
    private static final String SAVEPOINT = "corelink_write";

    private final Jdbi writer;
    private final Duration timeout;
    private final Function<Handle, JdbcTransaction> transactions;
    private final ReentrantLock writerLock = new ReentrantLock();
    private final ConcurrentLinkedQueue<Pending<?>> queue = new ConcurrentLinkedQueue<>();
    private final LongAdder transactionCount = new LongAdder();
    private final LongAdder handlesOpened = new LongAdder();
    private @Nullable Handle handle; // guarded by writerLock

    GroupCommit(Jdbi writer, Function<Handle, JdbcTransaction> transactions, Duration timeout) {
        this.writer = writer;
        this.transactions = transactions;
        this.timeout = timeout;
    }

    <T> T write(Function<? super JdbcTransaction, T> work) {
        Pending<T> pending = new Pending<>(work);
        queue.add(pending);
        acquireWriter(pending);
        try {
            // Whoever holds the lock drains the queue from its head, so ours runs in this loop unless an earlier
            // holder already ran it; the fields of a Pending are written and read under the lock.
            while (!pending.done) {
                runGroup();
            }
        } finally {
            writerLock.unlock();
        }
        return pending.outcome();
    }

    /**
     * Takes the writer lock within the store timeout. A write that could not get it in time is taken back out of
     * the queue and fails, having changed nothing; one that a group already took is waited for, since its outcome is
     * decided.
     */
    private void acquireWriter(Pending<?> pending) {
        boolean locked;
        try {
            locked = writerLock.tryLock(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            locked = false;
        }
        if (!locked) {
            if (queue.remove(pending)) {
                throw new StoreUnavailableException("the store's writer stayed busy for longer than "
                        + timeout.toMillis() + " ms", null);
            }
            writerLock.lock();
        }
    }

    /** How many times the writer's handle was opened: once, unless the database failed. For tests. */
    long handlesOpened() {
        return handlesOpened.sum();
    }

    /** How many writes wait to run. */
    int queued() {
        return queue.size();
    }

    /** How many write transactions ran (begun, whether or not committed): fewer than writes when groups formed. */
    long transactions() {
        return transactionCount.sum();
    }

    private volatile io.corelink.store.TransactionObserver observer = io.corelink.store.TransactionObserver.NONE;

    void observe(io.corelink.store.TransactionObserver newObserver) {
        this.observer = newObserver;
    }

    private void runGroup() {
        List<Pending<?>> group = new ArrayList<>();
        for (Pending<?> next; group.size() < MAX_GROUP && (next = queue.poll()) != null; ) {
            group.add(next);
        }
        transactionCount.increment();
        long started = System.nanoTime();
        try {
            writerHandle().useTransaction(handle -> {
                if (group.size() == 1) {
                    runAlone(handle, group.get(0));
                    return;
                }
                for (Pending<?> pending : group) {
                    runInSavepoint(handle, pending);
                }
            });
        } catch (RuntimeException | Error e) {
            // The begin, a rollback to a savepoint or the commit failed (or a work threw an Error): nothing of the
            // group is kept, so none of it may be acknowledged; the next group starts on a new connection. A lone
            // work that refused its input (a 404, a 409) was rolled back by JDBI and said nothing against the
            // connection: its handle, and the statements it keeps prepared, stay.
            if (!refusedAlone(group, e)) {
                closeWriterHandle();
            }
            StoreUnavailableException failed = e instanceof StoreUnavailableException unavailable ? unavailable
                    : unavailable(e);
            for (Pending<?> pending : group) {
                if (pending.failure == null) {
                    pending.failure = failed;
                }
            }
        } finally {
            observer.transactionEnded("write", System.nanoTime() - started);
            for (Pending<?> pending : group) {
                pending.done = true;
            }
        }
    }

    /**
     * The writer's one handle, kept open between groups (guarded by the writer lock): opening a JDBI handle and
     * borrowing the connection from the pool for every transaction cost more than the transaction's SQL.
     */
    private Handle writerHandle() {
        if (handle == null) {
            handle = writer.open();
            handlesOpened.increment();
        }
        return handle;
    }

    private void closeWriterHandle() {
        if (handle != null) {
            try {
                handle.close();
            } catch (RuntimeException ignored) {
                // it is being dropped because it failed
            }
            handle = null;
        }
    }

    /** Closes the writer's handle; the store closes its pools right after. */
    void close() {
        writerLock.lock();
        try {
            closeWriterHandle();
        } finally {
            writerLock.unlock();
        }
    }

    /** Whether {@code thrown} is the lone work's own failure, not the database's (JDBI rethrows it as it was). */
    private static boolean refusedAlone(List<Pending<?>> group, Throwable thrown) {
        return group.size() == 1 && group.get(0).failure == thrown && !(thrown instanceof JdbiException)
                && !(thrown instanceof StoreUnavailableException);
    }

    /** A group of one needs no savepoint: its failure rolls the whole transaction back. */
    private void runAlone(Handle handle, Pending<?> pending) {
        try {
            pending.run(transactions.apply(handle));
        } catch (RuntimeException e) {
            pending.failure = e instanceof JdbiException ? unavailable(e) : e;
            throw e;
        }
    }

    private void runInSavepoint(Handle handle, Pending<?> pending) {
        handle.savepoint(SAVEPOINT);
        try {
            pending.run(transactions.apply(handle));
        } catch (RuntimeException e) {
            pending.failure = e instanceof JdbiException ? unavailable(e) : e;
            // Undoes this work and ends its savepoint. If even that fails the transaction is in an unknown state:
            // this throws, and the whole group fails.
            handle.rollbackToSavepoint(SAVEPOINT);
            return;
        }
        handle.release(SAVEPOINT);
    }

    private static StoreUnavailableException unavailable(Throwable cause) {
        return new StoreUnavailableException("database operation failed: " + DatabaseProblems.explain(cause), cause);
    }

    /** One caller's work and, once {@link #done}, its outcome. Guarded by the writer lock. */
    private static final class Pending<T> {
        private final Function<? super JdbcTransaction, T> work;
        private @Nullable T result;
        private @Nullable RuntimeException failure;
        private boolean done;

        Pending(Function<? super JdbcTransaction, T> work) {
            this.work = work;
        }

        void run(JdbcTransaction tx) {
            result = work.apply(tx);
        }

        @SuppressWarnings("NullAway") // a work's result is what it returned, null included
        T outcome() {
            if (failure != null) {
                throw failure;
            }
            return result;
        }
    }
}
