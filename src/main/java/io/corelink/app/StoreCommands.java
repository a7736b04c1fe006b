package io.corelink.app;

import io.corelink.store.StoreUnavailableException;
import io.corelink.store.jdbc.PostgresStore;
import io.corelink.store.jdbc.SqliteStore;
import io.corelink.store.jdbc.StoreCopy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The store's operational commands: migrate, backup, restore, copy-store. */
final class StoreCommands {
    private StoreCommands() {
    }

    private static Path sqliteFile(StoreOptions store) {
        String url = store.url();
        if (url == null) {
            return store.dataDir.resolve(CorelinkServer.DATABASE_FILE);
        }
        if (url.startsWith("jdbc:sqlite:")) {
            return Path.of(url.substring("jdbc:sqlite:".length()));
        }
        throw new StartupException("this command works on an SQLite store; --database-url names another");
    }

    @Command(name = "migrate", mixinStandardHelpOptions = true,
            description = "Apply the schema migrations the store lacks, then exit (for rolling upgrades).")
    static final class Migrate implements Callable<Integer> {
        @Mixin
        StoreOptions store;

        @Override
        public Integer call() {
            try {
                if (store.url() != null && store.url().startsWith("jdbc:postgresql:")) {
                    PostgresStore.open(store.url(), store.user(), store.password(), true).close();
                } else {
                    try (DataDirectory ignored = DataDirectory.open(store.dataDir)) {
                        SqliteStore.open(sqliteFile(store), true).close();
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
        StoreOptions store;

        @Option(names = "--output", paramLabel = "FILE", required = true, description = "The backup file to create.")
        Path output;

        @Override
        public Integer call() {
            if (Files.exists(output)) {
                throw new StartupException(output + " exists already");
            }
            Path database = sqliteFile(store);
            if (!Files.exists(database)) {
                throw new StartupException("there is no store at " + database);
            }
            try {
                SqliteStore.backup(database, output);
            } catch (StoreUnavailableException e) {
                throw new StartupException("backup failed: " + e.getMessage());
            }
            System.out.println("corelink: backed up " + database + " to " + output);
            return 0;
        }
    }

    @Command(name = "restore", mixinStandardHelpOptions = true,
            description = "Replace the SQLite store with a backup; no server may be using the data directory.")
    static final class Restore implements Callable<Integer> {
        @Mixin
        StoreOptions store;

        @Option(names = "--input", paramLabel = "FILE", required = true, description = "A file made by backup.")
        Path input;

        @Override
        public Integer call() {
            if (!SqliteStore.isCorelinkDatabase(input)) {
                throw new StartupException(input + " is not a Corelink SQLite backup");
            }
            try (DataDirectory dataDir = DataDirectory.open(store.dataDir)) {
                Path database = sqliteFile(store);
                Path staged = database.resolveSibling(database.getFileName() + ".restoring");
                Files.copy(input, staged, StandardCopyOption.REPLACE_EXISTING);
                DataDirectory.setMode(staged, "rw-------");
                Files.deleteIfExists(database.resolveSibling(database.getFileName() + "-wal"));
                Files.deleteIfExists(database.resolveSibling(database.getFileName() + "-shm"));
                Files.move(staged, database, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                System.out.println("corelink: restored " + database + " from " + input);
                return 0;
            } catch (IOException e) {
                throw new StartupException("restore failed: " + e.getClass().getSimpleName());
            }
        }
    }

    @Command(name = "copy-store", mixinStandardHelpOptions = true,
            description = "Copy the SQLite store into an empty PostgreSQL database; no server may be using it.")
    static final class CopyStore implements Callable<Integer> {
        @Mixin
        StoreOptions store;

        @Option(names = "--to-database-url", paramLabel = "URL", required = true,
                description = "The PostgreSQL database (jdbc:postgresql://…) to copy into; it must be empty.")
        String toUrl;

        @Option(names = "--to-database-user", paramLabel = "USER", defaultValue = "${env:CORELINK_DATABASE_USER:-}")
        String toUser;

        @Option(names = "--to-database-password", paramLabel = "PASSWORD",
                defaultValue = "${env:CORELINK_DATABASE_PASSWORD:-}")
        String toPassword;

        @Override
        public Integer call() {
            if (!toUrl.startsWith("jdbc:postgresql:")) {
                throw new StartupException("--to-database-url must be a jdbc:postgresql: URL");
            }
            try (DataDirectory ignored = DataDirectory.open(store.dataDir)) {
                Map<String, Long> copied = StoreCopy.sqliteToPostgres(sqliteFile(store), toUrl,
                        StoreOptions.blankToNull(toUser), StoreOptions.blankToNull(toPassword));
                copied.forEach((table, rows) -> System.out.println("corelink: copied " + rows + " rows of " + table));
                return 0;
            } catch (StoreUnavailableException | IllegalStateException e) {
                throw new StartupException("copy failed: " + e.getMessage());
            }
        }
    }
}
