package io.corelink.store.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import io.corelink.store.Store;
import io.corelink.store.StoreUnavailableException;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Opens the PostgreSQL store that several stateless Corelink nodes share: one HikariCP pool, writes SERIALIZABLE with
 * retries, reads REPEATABLE READ (one snapshot per request), batched inserts rewritten into multi-row inserts, the
 * schema migrated by Flyway. Only SQL that PostgreSQL-compatible distributed engines also accept is used (no
 * advisory locks, no LISTEN/NOTIFY).
 */
public final class PostgresStore {
    private static final int POOL_SIZE = 16;
    private static final String COLLATE_C = "COLLATE \"C\"";

    private PostgresStore() {
    }

    /** @throws StoreUnavailableException when the database cannot be reached or migrated */
    public static Store open(String url, String user, String password) {
        return open(url, user, password, false);
    }

    /** @param validateMigrations run Flyway even when the schema is current, as {@code corelink migrate} does */
    public static Store open(String url, String user, String password, boolean validateMigrations) {
        HikariDataSource pool = null;
        try {
            PGSimpleDataSource dataSource = new PGSimpleDataSource();
            dataSource.setUrl(url);
            if (user != null) {
                dataSource.setUser(user);
            }
            if (password != null) {
                dataSource.setPassword(password);
            }
            dataSource.setReWriteBatchedInserts(true);
            dataSource.setConnectTimeout(10);
            pool = JdbcStore.pool("corelink-postgresql", dataSource, POOL_SIZE, false);
            if (validateMigrations) {
                Migrations.migrate(pool, COLLATE_C);
            } else {
                Migrations.migrateIfBehind(pool, COLLATE_C);
            }
            return new JdbcStore(pool, pool, JdbcStore.Dialect.POSTGRESQL);
        } catch (RuntimeException e) {
            if (pool != null) {
                pool.close();
            }
            throw new StoreUnavailableException("cannot open the PostgreSQL store at " + withoutQuery(url) + ": "
                    + DatabaseProblems.explain(e), e);
        }
    }

    /** The URL without its query, which may carry a password, for messages. */
    static String withoutQuery(String url) {
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query);
    }
}
