package io.corelink.store.jdbc;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import io.corelink.store.StoreUnavailableException;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementBuilder;

/**
 * A statement run with plain JDBC on a JDBI handle's connection, for the rows every change adds (its audit record,
 * its change events). Measured on the SQLite writer (docs/benchmarks.md, recording): appending one change event
 * through JDBI took 317 µs a change, of which the statement's execution was 70 µs; the rest was JDBI's
 * per-statement work (named-parameter binding by type lookup, a statement context, cleanup), paid on the one writer
 * that every change waits for. With a {@link CachingStatementBuilder} (the SQLite writer) the prepared statement is
 * the cached one and stays open; otherwise it is prepared here and closed by {@link #close()}.
 *
 * <p>The SQL uses positional {@code ?} parameters. Failures are {@link SQLException}s for the caller to translate.
 */
final class PlainStatement implements AutoCloseable {
    private final PreparedStatement statement;
    private final boolean cached;

    private PlainStatement(PreparedStatement statement, boolean cached) {
        this.statement = statement;
        this.cached = cached;
    }

    private static PlainStatement prepare(Handle handle, String sql) throws SQLException {
        StatementBuilder builder = handle.getStatementBuilder();
        if (builder instanceof CachingStatementBuilder caching) {
            return new PlainStatement(caching.prepared(handle.getConnection(), sql), true);
        }
        return new PlainStatement(handle.getConnection().prepareStatement(sql), false);
    }

    /** Binds one row's values to a prepared statement's positional parameters. */
    @FunctionalInterface
    interface Binder<T> {
        void bind(PreparedStatement statement, T row) throws SQLException;
    }

    /**
     * Inserts the rows with {@code sql}: one execution for one row, one batch for more; counts one statement.
     *
     * @throws StoreUnavailableException when the database refuses (as a JDBI statement's failure would)
     */
    static <T> void insert(Handle handle, String sql, java.util.List<T> rows, Binder<T> binder,
                           java.util.concurrent.atomic.LongAdder executed) {
        if (rows.isEmpty()) {
            return;
        }
        try (PlainStatement insert = prepare(handle, sql)) {
            if (rows.size() == 1) {
                binder.bind(insert.statement, rows.get(0));
                insert.statement.executeUpdate();
            } else {
                for (T row : rows) {
                    binder.bind(insert.statement, row);
                    insert.statement.addBatch();
                }
                insert.statement.executeBatch();
            }
            executed.increment();
        } catch (SQLException e) {
            throw new StoreUnavailableException("database operation failed: " + DatabaseProblems.explain(e), e);
        }
    }

    /** Leaves a cached statement ready for its next use, closes any other. */
    @Override
    public void close() throws SQLException {
        if (cached) {
            statement.clearBatch();
            statement.clearParameters();
        } else {
            statement.close();
        }
    }
}
