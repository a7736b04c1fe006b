package io.corelink.store.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import io.corelink.store.Store;
import io.corelink.store.StoreUnavailableException;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Opens the PostgreSQL store that several stateless Corelink nodes share: one HikariCP pool, writes SERIALIZABLE with
 * retries, reads REPEATABLE READ (one snapshot per request), batched inserts rewritten into multi-row inserts, the
 * schema migrated by Flyway. Only SQL that PostgreSQL-compatible distributed engines also accept is used (no
 * advisory locks, no LISTEN/NOTIFY).
 */
public final class PostgresStore {
    private static final int POOL_SIZE = 16;

    private PostgresStore() {
    }

    /** @throws StoreUnavailableException when the database cannot be reached or migrated */
    public static Store open(String url, String user, String password) {
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
            migrate(pool);
            return new JdbcStore(pool, pool, JdbcStore.Dialect.POSTGRESQL);
        } catch (RuntimeException e) {
            if (pool != null) {
                pool.close();
            }
            throw new StoreUnavailableException("cannot open the PostgreSQL store", e);
        }
    }

    /** Applies the migrations the database lacks (what {@code corelink migrate} does). */
    static void migrate(javax.sql.DataSource dataSource) {
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration/common")
                .placeholders(Map.of("collate", "COLLATE \"C\""))
                .load()
                .migrate();
    }
}
