package io.corelink.app;

import org.jspecify.annotations.Nullable;
import io.corelink.store.Store;
import io.corelink.store.StoreUnavailableException;
import io.corelink.store.jdbc.PostgresStore;
import io.corelink.store.jdbc.SqliteStore;
import io.corelink.store.jdbc.StoreCopy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The store's operational commands: migrate, backup, restore, copy-store. None of them creates a data directory or a
 * store that was not there: a mistyped {@code --data-dir} is an error, not a new empty store.
 */
final class StoreCommands {
    static final String BEFORE_RESTORE_SUFFIX = ".before-restore";

    private StoreCommands() {
    }

    /** The SQLite file of the store, in a data directory that must exist. */
    private static Path sqliteFile(StoreOptions store) {
        String url = store.url();
        if (url == null) {
            Path dir = store.dataDir.toAbsolutePath().normalize();
            if (!Files.isDirectory(dir)) {
                throw new StartupException("there is no data directory at " + dir + "; check --data-dir");
            }
            return dir.resolve(CorelinkServer.DATABASE_FILE);
        }
        if (url.startsWith("jdbc:sqlite:")) {
            return Path.of(url.substring("jdbc:sqlite:".length())).toAbsolutePath().normalize();
        }
        throw new StartupException("this command works on an SQLite store, and --database-url names another");
    }

    private static Path existingSqliteFile(StoreOptions store) {
        Path database = sqliteFile(store);
        if (!Files.isRegularFile(database)) {
            throw new StartupException("there is no store at " + database + "; check --data-dir or --database-url");
        }
        return database;
    }

    @Command(name = "migrate", mixinStandardHelpOptions = true,
            description = "Apply the schema migrations the store lacks, then exit (for rolling upgrades).")
    static final class Migrate implements Callable<Integer> {
        @Mixin
        StoreOptions.Any store;

        @Mixin
        DatabaseCredentials database;

        @Override
        public Integer call() {
            try {
                if (store.url() != null && store.url().startsWith("jdbc:postgresql:")) {
                    PostgresStore.open(store.url(), database.user(), database.password(System.err), true).close();
                } else {
                    Path file = existingSqliteFile(store);
                    try (DataDirectory ignored = DataDirectory.openExisting(store.dataDir)) {
                        SqliteStore.open(file, true).close();
                    }
                }
            } catch (StoreUnavailableException e) {
                throw new StartupException("migration failed: " + e.getMessage());
            }
            System.out.println("corelink: the store is at the latest schema version");
            return 0;
        }
    }

    @Command(name = "backup", mixinStandardHelpOptions = true,
            description = "Write a consistent copy of the SQLite store, also while a server is using it.")
    static final class Backup implements Callable<Integer> {
        @Mixin
        StoreOptions.Sqlite store;

        @Option(names = "--output", paramLabel = "FILE", required = true, description = "The backup file to create.")
        Path output;

        @Override
        public Integer call() {
            Path target = output.toAbsolutePath().normalize();
            if (Files.exists(target)) {
                throw new StartupException("cannot write the backup to " + target + ": the file exists already");
            }
            if (target.getParent() != null && !Files.isDirectory(target.getParent())) {
                throw new StartupException("cannot write the backup to " + target + ": there is no directory "
                        + target.getParent());
            }
            if (target.getParent() != null && !Files.isWritable(target.getParent())) {
                throw new StartupException("cannot write the backup to " + target + ": the directory "
                        + target.getParent() + " is not writable");
            }
            Path database = existingSqliteFile(store);
            try {
                SqliteStore.backup(database, target);
            } catch (StoreUnavailableException e) {
                throw new StartupException("backup failed: " + e.getMessage());
            }
            System.out.println("corelink: backed up " + database + " to " + target);
            return 0;
        }
    }

    @Command(name = "restore", mixinStandardHelpOptions = true,
            description = {"Replace the SQLite store with a backup; no server may be using the data directory.",
                "The replaced store is kept as corelink.db.before-restore."})
    static final class Restore implements Callable<Integer> {
        @Mixin
        StoreOptions.Sqlite store;

        @Option(names = "--input", paramLabel = "FILE", required = true, description = "A file made by backup.")
        Path input;

        @Override
        public Integer call() {
            Path source = input.toAbsolutePath().normalize();
            if (!Files.exists(source)) {
                throw new StartupException("there is no file at " + source + "; check --input");
            }
            if (!SqliteStore.isCorelinkDatabase(source)) {
                throw new StartupException(source + " is not a Corelink SQLite backup (made by 'corelink backup')");
            }
            Path database = sqliteFile(store);
            try (DataDirectory dataDir = DataDirectory.openExisting(store.dataDir)) {
                Path safetyCopy = keepCurrent(database);
                Path staged = database.resolveSibling(database.getFileName() + ".restoring");
                Files.copy(source, staged, StandardCopyOption.REPLACE_EXISTING);
                DataDirectory.setMode(staged, "rw-------");
                Files.deleteIfExists(database.resolveSibling(database.getFileName() + "-wal"));
                Files.deleteIfExists(database.resolveSibling(database.getFileName() + "-shm"));
                Files.move(staged, database, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                System.out.println("corelink: restored " + database + " from " + source
                        + (safetyCopy == null ? "" : "; the replaced store is kept as " + safetyCopy));
                writeCredentials(database, dataDir);
                return 0;
            } catch (IOException e) {
                throw new StartupException("restore failed: " + DataDirectory.describe(e));
            } catch (StoreUnavailableException e) {
                throw new StartupException("restore failed: " + e.getMessage());
            }
        }

        /** A consistent copy of the store about to be replaced (its WAL included); null when there is none. */
        private static @Nullable Path keepCurrent(Path database) throws IOException {
            if (!Files.exists(database)) {
                return null;
            }
            Path safetyCopy = database.resolveSibling(database.getFileName() + BEFORE_RESTORE_SUFFIX);
            Path partial = database.resolveSibling(database.getFileName() + BEFORE_RESTORE_SUFFIX + ".tmp");
            Files.deleteIfExists(partial);
            try {
                SqliteStore.backup(database, partial);
            } catch (StoreUnavailableException unreadable) {
                // A damaged store is what a restore is for: keep its bytes as they are (its WAL beside them).
                Files.copy(database, partial, StandardCopyOption.REPLACE_EXISTING);
                DataDirectory.setMode(partial, "rw-------");
                Path wal = database.resolveSibling(database.getFileName() + "-wal");
                if (Files.exists(wal)) {
                    Path walCopy = safetyCopy.resolveSibling(safetyCopy.getFileName() + "-wal");
                    Files.copy(wal, walCopy, StandardCopyOption.REPLACE_EXISTING);
                    DataDirectory.setMode(walCopy, "rw-------");
                }
            }
            Files.move(partial, safetyCopy, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return safetyCopy;
        }

        /** The restored store's administrator key goes to admin-credentials: it is the key the server will accept. */
        private static void writeCredentials(Path database, DataDirectory dataDir) {
            Optional<String[]> key;
            try (Store restored = SqliteStore.open(database)) {
                key = AdministratorKey.storedKey(restored);
            }
            if (key.isPresent() && AdministratorKey.writeCredentialsFile(dataDir.path(), key.get()[0], key.get()[1])) {
                System.out.println("corelink: wrote the restored administrator key " + key.get()[0] + " to "
                        + dataDir.resolve(AdministratorKey.CREDENTIALS_FILE));
            }
        }
    }

    @Command(name = "copy-store", mixinStandardHelpOptions = true,
            description = "Copy the SQLite store into an empty PostgreSQL database; no server may be using it.")
    static final class CopyStore implements Callable<Integer> {
        @Mixin
        StoreOptions.Any store;

        @Option(names = "--to-database-url", paramLabel = "URL", required = true,
                description = {"The empty PostgreSQL database to copy into:", "  jdbc:postgresql://HOST:PORT/DB"})
        String toUrl;

        @Option(names = "--to-database-user", paramLabel = "USER", defaultValue = "${env:CORELINK_DATABASE_USER:-}",
                description = "User of that database. Env CORELINK_DATABASE_USER.")
        String toUser;

        @Option(names = "--to-database-password", paramLabel = "PASSWORD",
                defaultValue = "${env:CORELINK_DATABASE_PASSWORD:-}",
                description = {"Password of that user; ps shows it to local users:",
                    "prefer CORELINK_DATABASE_PASSWORD."})
        String toPassword;

        @Override
        public Integer call() {
            if (!toUrl.startsWith("jdbc:postgresql:")) {
                throw new StartupException("--to-database-url must be a jdbc:postgresql: URL");
            }
            Path database = existingSqliteFile(store);
            try (DataDirectory ignored = DataDirectory.openExisting(store.dataDir)) {
                Map<String, Long> copied = StoreCopy.sqliteToPostgres(database, toUrl,
                        StoreOptions.blankToNull(toUser), StoreOptions.blankToNull(toPassword));
                copied.forEach((table, rows) -> System.out.println("corelink: copied " + rows + " rows of " + table));
                return 0;
            } catch (StoreUnavailableException | IllegalStateException e) {
                throw new StartupException("copy failed: " + e.getMessage());
            }
        }
    }
}
