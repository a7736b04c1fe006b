package io.corelink.store.jdbc;

import org.jspecify.annotations.Nullable;
import com.zaxxer.hikari.HikariDataSource;
import io.corelink.store.Store;
import io.corelink.store.StoreUnavailableException;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Opens the PostgreSQL store that several stateless Corelink nodes share: one HikariCP pool, writes SERIALIZABLE with
 * retries, reads REPEATABLE READ (one snapshot per request), batched inserts rewritten into multi-row inserts, the
 * schema migrated by Flyway. No LISTEN/NOTIFY; advisory locks only where contention would otherwise make
 * transactions abort each other (a core device's associations, decision 0021) or where one node at a time must act
 * (the event sequencer). Every wait for the database is bounded by the store timeout.
 */
public final class PostgresStore {
    private static final int POOL_SIZE = 16;

    private PostgresStore() {
    }

    /** @throws StoreUnavailableException when the database cannot be reached or migrated */
    public static Store open(String url, @Nullable String user, @Nullable String password) {
        return open(url, user, password, false, JdbcStore.DEFAULT_TIMEOUT);
    }

    /** @param validateMigrations run Flyway even when the schema is current, as {@code corelink migrate} does */
    public static Store open(String url, @Nullable String user, @Nullable String password,
                             boolean validateMigrations) {
        return open(url, user, password, validateMigrations, JdbcStore.DEFAULT_TIMEOUT);
    }

    /**
     * @param timeout how long a store call may wait for the database (a connection, a lock, a socket read, retries
     *     of serialisation failures) before it fails with {@link StoreUnavailableException}
     */
    public static Store open(String url, @Nullable String user, @Nullable String password, boolean validateMigrations,
                             java.time.Duration timeout) {
        HikariDataSource pool = null;
        try {
            int seconds = (int) Math.max(1, (timeout.toMillis() + 999) / 1000);
            // A database that stops answering (a dropped network) fails a call instead of holding it forever; a
            // migration, which may rightly take long, runs on connections of its own without that bound.
            PGSimpleDataSource requests = dataSource(url, user, password, seconds);
            requests.setSocketTimeout(seconds + 1);
            // No wait for a lock (a row's, or a subject's: decision 0021) outlasts the store timeout.
            // Appended: an options=... of the operator's URL (a search_path, say) must stay.
            String given = requests.getOptions();
            requests.setOptions((given == null || given.isBlank() ? "" : given + " ") + "-c lock_timeout="
                    + Math.max(100, timeout.toMillis()));
            pool = JdbcStore.pool("corelink-postgresql", requests, POOL_SIZE, false, timeout);
            PGSimpleDataSource migrations = dataSource(url, user, password, seconds);
            if (validateMigrations) {
                Migrations.migrate(migrations, Migrations.POSTGRESQL);
            } else {
                Migrations.migrateIfBehind(migrations, Migrations.POSTGRESQL);
            }
            return new JdbcStore(pool, pool, JdbcStore.Dialect.POSTGRESQL, timeout);
        } catch (RuntimeException e) {
            if (pool != null) {
                pool.close();
            }
            throw new StoreUnavailableException("cannot open the PostgreSQL store at " + withoutQuery(url) + ": "
                    + DatabaseProblems.explain(e), e);
        }
    }

    private static PGSimpleDataSource dataSource(String url, @Nullable String user, @Nullable String password,
                                                 int connectSeconds) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(url);
        if (user != null) {
            dataSource.setUser(user);
        }
        if (password != null) {
            dataSource.setPassword(password);
        }
        dataSource.setReWriteBatchedInserts(true);
        dataSource.setConnectTimeout(connectSeconds);
        dataSource.setLoginTimeout(connectSeconds);
        return dataSource;
    }

    /** The URL without its query, which may carry a password, for messages. */
    static String withoutQuery(String url) {
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query);
    }
}
