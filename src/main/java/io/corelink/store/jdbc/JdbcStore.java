package io.corelink.store.jdbc;

import org.jspecify.annotations.Nullable;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import io.corelink.domain.audit.AuditRecord;
import io.corelink.domain.event.ChangeEvent;
import io.corelink.store.AuditScope;
import io.corelink.store.Store;
import io.corelink.store.StoreTransaction;
import io.corelink.store.StoreUnavailableException;
import io.corelink.store.SubjectLock;
import io.corelink.store.TransactionObserver;
import java.util.concurrent.atomic.LongAdder;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.statement.SqlLogger;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

/**
 * The one JDBC implementation of {@link Store}. Reads and writes may use different pools: SQLite allows one writer at a
 * time, so its writes share one connection that starts every transaction with {@code BEGIN IMMEDIATE}, while its
 * reads run on their own connections against WAL snapshots.
 */
public final class JdbcStore implements Store {
    private final HikariDataSource readPool;
    private final HikariDataSource writePool;
    private final Jdbi reader;
    private final Jdbi writer;
    private final SqlStatements sql;
    private final LongAdder statements = new LongAdder();
    private final LongAdder changes = new LongAdder();
    private final LongAdder expectedEventsInserted = new LongAdder();

    private final Dialect dialect;
    private final @Nullable GroupCommit groupCommit;
    private final java.util.Optional<io.corelink.store.SharedBuckets> sharedBuckets;

    /**
     * What differs between the databases: the isolation of reads and writes (null: the driver's default, which is
     * the only one SQLite's driver accepts), whether a write that lost a serialisation race is retried, and whether
     * concurrent writes share transactions ({@link GroupCommit}; for SQLite's single writer: PostgreSQL runs
     * concurrent writers and groups their WAL flushes itself), and whether the long texts of the audit log and the
     * outbox are written compressed ({@link CompressedText}; on SQLite, where the one writer's commit is what recording
     * costs and one node of one release uses the file: several nodes of two releases may share a PostgreSQL store
     * during an upgrade, and an older one would read a compressed text as missing).
     */
    record Dialect(String name, @Nullable TransactionIsolationLevel readIsolation,
                   @Nullable TransactionIsolationLevel writeIsolation,
                   boolean retrySerializationFailures, boolean groupCommit, boolean compressLongTexts) {
        static final Dialect SQLITE = new Dialect("sqlite", null, null, false, true, true);
        static final Dialect POSTGRESQL = new Dialect("postgresql", TransactionIsolationLevel.REPEATABLE_READ,
                TransactionIsolationLevel.SERIALIZABLE, true, false, false);
    }

    /** How long a store call may wait for the database unless configured otherwise ({@code --store-timeout}). */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
    private final Duration timeout;
    private static final long WRITE_PROBLEM_MEMORY_NANOS = TimeUnit.SECONDS.toNanos(60);
    private volatile @Nullable String writeProblem;
    private volatile long writeProblemAt;

    JdbcStore(HikariDataSource readPool, HikariDataSource writePool, Dialect dialect, Duration timeout) {
        this.timeout = timeout;
        this.readPool = readPool;
        this.writePool = writePool;
        this.reader = Jdbi.create(readPool);
        this.writer = readPool == writePool ? reader : Jdbi.create(writePool);
        this.dialect = dialect;
        this.sql = SqlStatements.load(dialect.name());
        // Several nodes share a PostgreSQL store, and so its buckets; a SQLite store has one node.
        this.sharedBuckets = !"postgresql".equals(dialect.name()) ? java.util.Optional.empty()
                : java.util.Optional.of(new JdbcSharedBuckets(writePool));
        if (dialect.groupCommit()) {
            // The group-commit writer keeps one handle open, and with it its prepared statements.
            writer.setStatementBuilderFactory(connection -> new CachingStatementBuilder());
            this.groupCommit = new GroupCommit(writer, this::newTransaction, timeout);
        } else {
            this.groupCommit = null;
        }
        SqlLogger counter = new SqlLogger() {
            @Override
            public void logBeforeExecution(StatementContext context) {
                statements.increment();
            }
        };
        reader.setSqlLogger(counter);
        writer.setSqlLogger(counter);
    }

    private JdbcTransaction newTransaction(org.jdbi.v3.core.Handle handle) {
        return new JdbcTransaction(handle, sql, this::recordsChangeEvents, statements, dialect.compressLongTexts());
    }

    /** How many statements (a batch counts once) this store has executed; shows round trips per request. */
    public long statementsExecuted() {
        return statements.sum();
    }

    /** How many writes wait for the writer; 0 without group commit. For tests. */
    int queuedWrites() {
        return groupCommit == null ? 0 : groupCommit.queued();
    }

    /** How many times the group-commit writer opened its handle; -1 without group commit. For tests. */
    long writerHandlesOpened() {
        return groupCommit == null ? -1 : groupCommit.handlesOpened();
    }

    /** How many write transactions grouped writes ran in; -1 without group commit. For tests. */
    long groupedWriteTransactions() {
        return groupCommit == null ? -1 : groupCommit.transactions();
    }

    @Override
    public <T> T read(Function<StoreTransaction, T> work) {
        return run("read", reader, dialect.readIsolation(), work);
    }

    @Override
    public <T> T write(Function<StoreTransaction, T> work) {
        return writeHolding(null, SubjectLock.SHARED, work);
    }

    /**
     * On PostgreSQL, the transaction runs holding a session-level advisory lock on the subject (shared or exclusive),
     * taken before it begins: a SERIALIZABLE transaction's snapshot is taken at its first statement, so a lock taken
     * inside it would leave it with a snapshot from before the previous holder's commit, and it would abort all the
     * same. Each retry takes the lock again. Every lock wait is bounded by the store timeout ({@code lock_timeout}).
     * With a single writer (SQLite) this is a plain write.
     */
    @Override
    public <T> T write(String subject, SubjectLock lock, Function<StoreTransaction, T> work) {
        return writeHolding(groupCommit == null ? subject : null, lock, work);
    }

    /**
     * The expected event and its row are made here, on the caller's thread (see {@link JdbcEventRepository#row}); with
     * change events off neither is.
     */
    @Override
    public <T> T write(String subject, SubjectLock lock, Supplier<ChangeEvent> expected,
                       Function<StoreTransaction, T> work) {
        if (!recordChangeEvents) {
            return write(subject, lock, work);
        }
        JdbcEventRepository.Expected prepared = new JdbcEventRepository.Expected(
                JdbcEventRepository.row(expected.get(), dialect.compressLongTexts()), expectedEventsInserted);
        return writeHolding(groupCommit == null ? subject : null, lock, tx -> work.apply(tx.expecting(prepared)));
    }

    /** How many change events were inserted with the row made before their write; for tests. */
    public long expectedEventsInserted() {
        return expectedEventsInserted.sum();
    }

    private <T> T writeHolding(@Nullable String subject, SubjectLock lock,
                               Function<? super JdbcTransaction, T> work) {
        AuditScope audit = AuditScope.pending();
        Function<? super JdbcTransaction, T> audited = audit == null ? work
                : withRecord(work, JdbcAuditRepository.row(audit.record(), dialect.compressLongTexts()));
        try {
            T result = groupCommit == null ? writeWithRetries(subject, lock, audited)
                    : groupCommit.write(audited);
            if (audit != null) {
                audit.markRecorded();
            }
            writeProblem = null;
            writeProblemAt = 0;
            return result;
        } catch (StoreUnavailableException e) {
            // Only the database refusing to store anything marks writes as failing: a conflict, a busy pool or a
            // lost connection says nothing about the next write. The mark fades after WRITE_PROBLEM_MEMORY
            // unless a write fails so again, so that a node taken out of rotation is not kept out for good.
            if (DatabaseProblems.refusesWrites(e)) {
                writeProblem = DatabaseProblems.explain(e);
                writeProblemAt = System.nanoTime();
            }
            throw e;
        } finally {
            // Also after a failed transaction: a cache may then refill needlessly, never stay stale.
            changes.increment();
        }
    }

    /**
     * The work, then its request's audit record, in the same transaction (see {@link AuditScope}). The record's row
     * is made here, on the caller's thread, so that the one writer every change waits for only inserts it.
     */
    private static <T> Function<JdbcTransaction, T> withRecord(Function<? super JdbcTransaction, T> work,
                                                              JdbcAuditRepository.Row record) {
        List<JdbcAuditRepository.Row> rows = List.of(record);
        return tx -> {
            T result = work.apply(tx);
            tx.audit().appendRows(rows);
            return result;
        };
    }

    @Override
    public long changeCount() {
        return changes.sum();
    }

    /**
     * Runs a write; on PostgreSQL (SERIALIZABLE) a transaction that lost a race with another one (SQLSTATE 40001, or
     * a deadlock, 40P01) is run again after a random pause (full jitter, growing to at most {@link #MAX_PAUSE_MS}),
     * as PostgreSQL's documentation asks, until it commits or the store timeout has passed: a conflict never
     * reaches a client while the database answers.
     */
    private <T> T writeWithRetries(@Nullable String subject, SubjectLock lock, Function<? super JdbcTransaction, T> work) {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (int attempt = 1; ; attempt++) {
            try {
                if (subject == null) {
                    return run("write", writer, dialect.writeIsolation(), work);
                }
                java.util.concurrent.locks.Lock gate = gates.pass(subject, lock, deadline);
                try {
                    return runHolding(subject, lock, work);
                } finally {
                    gate.unlock();
                }
            } catch (StoreUnavailableException e) {
                if (!dialect.retrySerializationFailures() || !isSerializationFailure(e)
                        || System.nanoTime() > deadline) {
                    throw e;
                }
                pause(attempt);
            }
        }
    }

    private static final long MAX_PAUSE_MS = 50;

    private static boolean isSerializationFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException sql
                    && ("40001".equals(sql.getSQLState()) || "40P01".equals(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }

    private static void pause(int attempt) {
        try {
            long ceiling = Math.min(MAX_PAUSE_MS, 1L << Math.min(attempt, 6));
            Thread.sleep(java.util.concurrent.ThreadLocalRandom.current().nextLong(0, ceiling + 1));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private volatile TransactionObserver observer = TransactionObserver.NONE;

    @Override
    public void observeTransactions(TransactionObserver newObserver) {
        this.observer = newObserver;
        if (groupCommit != null) {
            groupCommit.observe(newObserver);
        }
    }

    /**
     * Publishes the pools' meters (connections active, idle, pending, wait and usage times) in {@code registry},
     * tagged with the pool's name.
     */
    public void publishPoolMetrics(io.micrometer.core.instrument.MeterRegistry registry) {
        com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory factory =
                new com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory(registry);
        readPool.setMetricsTrackerFactory(factory);
        if (writePool != readPool) {
            writePool.setMetricsTrackerFactory(factory);
        }
    }

    private <T> T run(String kind, Jdbi jdbi, @Nullable TransactionIsolationLevel isolation,
                      Function<? super JdbcTransaction, T> work) {
        long started = System.nanoTime();
        try {
            return runTransaction(jdbi, isolation, work);
        } finally {
            observer.transactionEnded(kind, System.nanoTime() - started);
        }
    }

    private final SubjectGates gates = new SubjectGates();

    /**
     * The work's transaction, holding the subject's database lock. Whatever the lock statement did when it failed (it
     * may have been granted before the failure reached us), the connection is evicted: closing its session is the one
     * sure way to release a session lock. Only the transaction is timed, not the wait for the lock.
     */
    private <T> T runHolding(String subject, SubjectLock lock, Function<? super JdbcTransaction, T> work) {
        String mode = lock == SubjectLock.SHARED ? "Shared" : "";
        try {
            return writer.withHandle(handle -> {
                try {
                    handle.createQuery(sql.get("lockSubject" + mode)).bind("subject", subject).mapTo(String.class)
                            .one();
                } catch (RuntimeException e) {
                    writePool.evictConnection(handle.getConnection());
                    throw e;
                }
                long started = System.nanoTime();
                try {
                    return handle.inTransaction(dialect.writeIsolation(), h -> work.apply(newTransaction(h)));
                } finally {
                    observer.transactionEnded("write", System.nanoTime() - started);
                    unlock(handle, "unlockSubject" + mode, subject);
                }
            });
        } catch (JdbiException e) {
            throw new StoreUnavailableException("database operation failed: " + DatabaseProblems.explain(e), e);
        }
    }

    /** Releases the subject's lock; a connection that cannot is evicted, which ends its session and the lock. */
    private void unlock(org.jdbi.v3.core.Handle handle, String statement, String subject) {
        try {
            handle.createQuery(sql.get(statement)).bind("subject", subject).mapTo(String.class).one();
        } catch (RuntimeException e) {
            writePool.evictConnection(handle.getConnection());
        }
    }

    private <T> T runTransaction(Jdbi jdbi, @Nullable TransactionIsolationLevel isolation,
                                 Function<? super JdbcTransaction, T> work) {
        try {
            return isolation == null
                    ? jdbi.inTransaction(handle -> work.apply(newTransaction(handle)))
                    : jdbi.inTransaction(isolation, handle -> work.apply(newTransaction(handle)));
        } catch (JdbiException e) {
            throw new StoreUnavailableException("database operation failed: " + DatabaseProblems.explain(e), e);
        }
    }

    private static final int SEQUENCE_BATCH = 1_000;
    /** The advisory lock that lets one node at a time sequence change events. */
    private static final long SEQUENCER_LOCK = 0x436f72656c696e6bL; // "Corelink"

    private volatile boolean recordChangeEvents = true;

    @Override
    public void recordChangeEvents(boolean on) {
        recordChangeEvents = on;
    }

    /** Whether {@code tx.events().append} writes; read by each transaction. */
    boolean recordsChangeEvents() {
        return recordChangeEvents;
    }

    @Override
    public int sequenceChanges() {
        if (!"postgresql".equals(dialect.name())) {
            return 0;
        }
        try {
            // READ COMMITTED: each statement sees what committed before it, which is what the stream may show.
            return writer.inTransaction(TransactionIsolationLevel.READ_COMMITTED, handle -> {
                boolean mine = handle.createQuery("SELECT pg_try_advisory_xact_lock(:lock)")
                        .bind("lock", SEQUENCER_LOCK).mapTo(Boolean.class).one();
                return !mine ? 0 : handle.createUpdate(sql.get("sequenceChangeEvents"))
                        .bind("limit", SEQUENCE_BATCH).execute();
            });
        } catch (JdbiException e) {
            throw new StoreUnavailableException("database operation failed: " + DatabaseProblems.explain(e), e);
        }
    }

    @Override
    public java.util.Optional<String> writeProblem() {
        String problem = writeProblem;
        if (problem != null && System.nanoTime() - writeProblemAt > WRITE_PROBLEM_MEMORY_NANOS) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.ofNullable(problem);
    }

    @Override
    public boolean isHealthy() {
        try {
            return reader.withHandle(h -> h.createQuery("SELECT 1").mapTo(Integer.class).one()) == 1;
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public boolean sharedByNodes() {
        return "postgresql".equals(dialect.name());
    }

    @Override
    public java.util.Optional<io.corelink.store.SharedBuckets> sharedBuckets() {
        return sharedBuckets;
    }

    @Override
    public void close() {
        if (groupCommit != null) {
            groupCommit.close();
        }
        readPool.close();
        if (writePool != readPool) {
            writePool.close();
        }
    }

    static HikariDataSource pool(String name, DataSource dataSource, int size, boolean readOnly, Duration timeout) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(name);
        config.setDataSource(dataSource);
        config.setMaximumPoolSize(size);
        config.setReadOnly(readOnly);
        config.setMinimumIdle(1);
        // Waiting for a connection is bounded by the store timeout: a database that is down fails calls at once
        // instead of holding every request for Hikari's default 30 s.
        config.setConnectionTimeout(Math.max(250, timeout.toMillis()));
        config.setValidationTimeout(Math.max(250, Math.min(timeout.toMillis(), 5_000)));
        return new HikariDataSource(config);
    }
}
