package io.corelink.store.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.corelink.store.Store;
import io.corelink.store.StoreTransaction;
import io.corelink.store.StoreUnavailableException;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.statement.SqlLogger;
import org.jdbi.v3.core.statement.StatementContext;

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

    JdbcStore(HikariDataSource readPool, HikariDataSource writePool, String dialect) {
        this.readPool = readPool;
        this.writePool = writePool;
        this.reader = Jdbi.create(readPool);
        this.writer = Jdbi.create(writePool);
        this.sql = SqlStatements.load(dialect);
        SqlLogger counter = new SqlLogger() {
            @Override
            public void logBeforeExecution(StatementContext context) {
                statements.increment();
            }
        };
        reader.setSqlLogger(counter);
        writer.setSqlLogger(counter);
    }

    /** How many statements (a batch counts once) this store has executed; shows round trips per request. */
    public long statementsExecuted() {
        return statements.sum();
    }

    @Override
    public <T> T read(Function<StoreTransaction, T> work) {
        return run(reader, work);
    }

    @Override
    public <T> T write(Function<StoreTransaction, T> work) {
        try {
            return run(writer, work);
        } finally {
            // Also after a failed transaction: a cache may then refill needlessly, never stay stale.
            changes.increment();
        }
    }

    @Override
    public long changeCount() {
        return changes.sum();
    }

    private <T> T run(Jdbi jdbi, Function<StoreTransaction, T> work) {
        try {
            return jdbi.inTransaction(handle -> work.apply(new JdbcTransaction(handle, sql)));
        } catch (JdbiException e) {
            throw new StoreUnavailableException("database operation failed", e);
        }
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
    public void close() {
        readPool.close();
        writePool.close();
    }

    static HikariDataSource pool(String name, DataSource dataSource, int size, boolean readOnly) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(name);
        config.setDataSource(dataSource);
        config.setMaximumPoolSize(size);
        config.setReadOnly(readOnly);
        config.setMinimumIdle(1);
        config.setConnectionTimeout(30_000);
        return new HikariDataSource(config);
    }
}
