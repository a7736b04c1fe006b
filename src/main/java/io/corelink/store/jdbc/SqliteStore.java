package io.corelink.store.jdbc;

import io.corelink.store.Store;
import io.corelink.store.StoreUnavailableException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * Opens the embedded SQLite store: WAL journal, {@code synchronous=FULL} (a commit is on disk before the call
 * returns), foreign keys on, schema migrated by Flyway, files readable by their owner only.
 */
public final class SqliteStore {
    private static final int READERS = 4;
    private static final int BUSY_TIMEOUT_MS = 10_000;
    /**
     * WAL pages after which a commit checkpoints them into the database file (SQLite's default: 1,000, 4 MB). A
     * checkpoint copies each page the WAL holds once, however many commits rewrote it: the right-hand leaves of the
     * association, audit and outbox tables are rewritten by nearly every commit, so a longer WAL copies them less often.
     * Measured with the recording bench (docs/benchmarks.md, 2026-12-03), CPU of a non-recording server over a
     * recording one: 0.84-0.91 (mean 0.882, eight runs) at 8,000 against 0.82-0.88 (mean 0.859, three runs) at
     * 1,000; a small gain, near the machine's noise, in the direction the reason above predicts.
     * The WAL file then stays up to about 32 MB.
     */
    static final int WAL_AUTOCHECKPOINT_PAGES = 8_000;

    private SqliteStore() {
    }

    /** @throws StoreUnavailableException when the file cannot be opened or migrated */
    public static Store open(Path databaseFile) {
        return open(databaseFile, false);
    }

    /**
     * @param validateMigrations run Flyway even when the schema is current (validating what was applied), as
     *     {@code corelink migrate} does
     */
    public static Store open(Path databaseFile, boolean validateMigrations) {
        return open(databaseFile, validateMigrations, JdbcStore.DEFAULT_TIMEOUT);
    }

    /** @param timeout how long a write may wait for the one writer before it fails, having changed nothing */
    public static Store open(Path databaseFile, boolean validateMigrations, java.time.Duration timeout) {
        String url = "jdbc:sqlite:" + databaseFile.toAbsolutePath();
        try {
            migrate(url, validateMigrations);
            restrictPermissions(databaseFile);
            SQLiteDataSource writes = dataSource(url, false);
            SQLiteDataSource reads = dataSource(url, true);
            return new JdbcStore(JdbcStore.pool("corelink-read", reads, READERS, true, timeout),
                    JdbcStore.pool("corelink-write", writes, 1, false, timeout), JdbcStore.Dialect.SQLITE, timeout);
        } catch (RuntimeException e) {
            throw new StoreUnavailableException("cannot open the SQLite store " + databaseFile + ": "
                    + DatabaseProblems.explain(e), e);
        }
    }

    /**
     * Writes a consistent copy of a live database to {@code target} (which must not exist) with
     * {@code VACUUM INTO}: one read transaction, so a server may keep writing meanwhile (WAL).
     *
     * @throws StoreUnavailableException when the database cannot be read or the copy written
     */
    public static void backup(Path databaseFile, Path target) {
        // The copy holds every secret: it is written inside a directory only the owner may enter, made private, and
        // only then moved to where it was asked for (VACUUM INTO creates its file with the umask's mode).
        Path staging;
        try {
            staging = Files.createTempDirectory(target.toAbsolutePath().getParent(), ".corelink-backup-",
                    java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                            java.nio.file.attribute.PosixFilePermissions.fromString("rwx------")));
        } catch (java.io.IOException | UnsupportedOperationException e) {
            throw new StoreUnavailableException("cannot back up " + databaseFile + ": cannot write next to " + target,
                    e);
        }
        Path staged = staging.resolve("backup.db");
        try (java.sql.Connection connection = dataSource("jdbc:sqlite:" + databaseFile.toAbsolutePath(), true)
                .getConnection(); java.sql.PreparedStatement vacuum = connection.prepareStatement("VACUUM INTO ?")) {
            vacuum.setString(1, staged.toString());
            vacuum.execute();
            restrictPermissions(staged);
            Files.move(staged, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (java.sql.SQLException e) {
            throw new StoreUnavailableException("cannot back up " + databaseFile + ": " + DatabaseProblems.explain(e), e);
        } catch (java.io.IOException e) {
            throw new StoreUnavailableException("cannot back up " + databaseFile + ": cannot move the copy to "
                    + target, e);
        } finally {
            try {
                Files.deleteIfExists(staged);
                Files.deleteIfExists(staging);
            } catch (java.io.IOException e) {
                // a leftover private directory is harmless
            }
        }
    }

    /** Whether {@code file} is a healthy SQLite database with Corelink's schema. */
    public static boolean isCorelinkDatabase(Path file) {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        SQLiteConfig readOnly = new SQLiteConfig();
        readOnly.setReadOnly(true);
        try (java.sql.Connection connection = readOnly.createConnection("jdbc:sqlite:" + file.toAbsolutePath());
             java.sql.Statement statement = connection.createStatement()) {
            try (java.sql.ResultSet check = statement.executeQuery("PRAGMA integrity_check")) {
                if (!check.next() || !"ok".equals(check.getString(1))) {
                    return false;
                }
            }
            try (java.sql.ResultSet tables = statement.executeQuery(
                    "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name IN ('thing', 'setting')")) {
                return tables.next() && tables.getInt(1) == 2;
            }
        } catch (java.sql.SQLException e) {
            return false;
        }
    }

    private static void migrate(String url, boolean always) {
        SQLiteDataSource migrations = dataSource(url, false);
        if (always) {
            Migrations.migrate(migrations, Migrations.SQLITE);
        } else {
            Migrations.migrateIfBehind(migrations, Migrations.SQLITE);
        }
    }

    private static SQLiteDataSource dataSource(String url, boolean readOnly) {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.enforceForeignKeys(true);
        config.setBusyTimeout(BUSY_TIMEOUT_MS);
        config.setReadOnly(readOnly);
        // Corelink never asks for generated keys; left on, the driver runs a freshly prepared
        // "SELECT last_insert_rowid()" after every INSERT, on the one writer.
        config.setGetGeneratedKeys(false);
        config.setPragma(SQLiteConfig.Pragma.WAL_AUTOCHECKPOINT, Integer.toString(WAL_AUTOCHECKPOINT_PAGES));
        if (!readOnly) {
            config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        }
        SQLiteDataSource dataSource = new SQLiteDataSource(config);
        dataSource.setUrl(url);
        return dataSource;
    }

    private static void restrictPermissions(Path databaseFile) {
        for (String suffix : new String[] {"", "-wal", "-shm"}) {
            Path file = databaseFile.resolveSibling(databaseFile.getFileName() + suffix);
            try {
                if (Files.exists(file)) {
                    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
                }
            } catch (IOException | UnsupportedOperationException e) {
                // Not a POSIX file system: the data directory's own protection is all there is.
            }
        }
    }
}
