package io.corelink.store.jdbc;

import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.statement.DefaultStatementBuilder;
import org.jdbi.v3.core.statement.StatementBuilder;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Keeps the prepared statements of one long-lived handle (SQLite's writer) for reuse. SQLite's driver prepares a
 * statement anew on every call, and preparing the association statements (JSON expansion, upsert) cost as much as
 * running them: with plain JDBC and reused statements a 100-entry associate took what the raw batched insert takes,
 * through JDBI it took 0.2-0.3 ms more. At most {@link #CAPACITY} statements are kept (statements with an expanded
 * list differ by length); the least recently used one is closed when a new one needs room, all of them when the
 * handle closes.
 */
final class CachingStatementBuilder implements StatementBuilder {
    static final int CAPACITY = 64;
    private final StatementBuilder delegate = new DefaultStatementBuilder();
    // JDBI hands back a statement with its source SQL, not the rendered SQL it was created from: kept by identity.
    private final Set<Statement> cached = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Map<String, PreparedStatement> statements = new LinkedHashMap<>(CAPACITY, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, PreparedStatement> eldest) {
            if (size() <= CAPACITY) {
                return false;
            }
            cached.remove(eldest.getValue());
            closeQuietly(eldest.getValue());
            return true;
        }
    };

    @Override
    public Statement create(Connection connection, StatementContext context) throws SQLException {
        return delegate.create(connection, context);
    }

    @Override
    public PreparedStatement create(Connection connection, String sql, StatementContext context)
            throws SQLException {
        if (context.isReturningGeneratedKeys() || context.isConcurrentUpdatable()) {
            return delegate.create(connection, sql, context);
        }
        return prepared(connection, sql);
    }

    /**
     * The kept statement for {@code sql} (prepared now if there is none), for plain JDBC use ({@link PlainStatement});
     * it stays open, and stays this builder's to close.
     */
    PreparedStatement prepared(Connection connection, String sql) throws SQLException {
        PreparedStatement statement = statements.get(sql);
        if (statement == null || statement.isClosed()) {
            if (statement != null) {
                cached.remove(statement);
            }
            statement = connection.prepareStatement(sql);
            statements.put(sql, statement);
            cached.add(statement);
        } else {
            statement.clearParameters();
        }
        return statement;
    }

    @Override
    public CallableStatement createCall(Connection connection, String sql, StatementContext context)
            throws SQLException {
        return delegate.createCall(connection, sql, context);
    }

    @Override
    public void close(Connection connection, String sql, Statement statement) throws SQLException {
        if (!cached.contains(statement)) {
            delegate.close(connection, sql, statement);
        } else if (statement instanceof PreparedStatement prepared) {
            prepared.clearBatch();
        }
    }

    @Override
    public void close(Connection connection) {
        statements.values().forEach(CachingStatementBuilder::closeQuietly);
        statements.clear();
        cached.clear();
    }

    /** The statements kept now. For tests. */
    java.util.Collection<PreparedStatement> kept() {
        return java.util.List.copyOf(statements.values());
    }

    private static void closeQuietly(Statement statement) {
        try {
            statement.close();
        } catch (SQLException ignored) {
            // the connection is going away or the statement is already unusable
        }
    }
}
