package io.corelink.app;

import org.jspecify.annotations.Nullable;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where the store is: the options {@code serve} and the store commands share, each also read from CORELINK_*. */
abstract class StoreOptions {
    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "${env:CORELINK_DATA_DIR:-"
            + ServerConfig.DEFAULT_DATA_DIR + "}", description = {"Everything Corelink keeps.",
                "Default: ${DEFAULT-VALUE}; env CORELINK_DATA_DIR."})
    Path dataDir;

    /** The {@code --database-url}, or null for the SQLite file in the data directory. */
    abstract @Nullable String url();

    static @Nullable String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    /** Any store: SQLite or PostgreSQL (serve, migrate, copy-store's source). */
    static final class Any extends StoreOptions {
        @Option(names = "--database-url", paramLabel = "URL", defaultValue = "${env:CORELINK_DATABASE_URL:-}",
                description = {"JDBC URL of the store, one of", "  jdbc:postgresql://HOST:PORT/DB",
                    "  jdbc:sqlite:FILE", "Default: SQLite in the data directory.", "Env CORELINK_DATABASE_URL."})
        String databaseUrl;

        @Override
        @Nullable String url() {
            return blankToNull(databaseUrl);
        }
    }

    /** The SQLite store only (backup, restore). */
    static final class Sqlite extends StoreOptions {
        @Option(names = "--database-url", paramLabel = "URL", defaultValue = "${env:CORELINK_DATABASE_URL:-}",
                description = {"The store as jdbc:sqlite:FILE.", "Default: SQLite in the data directory.",
                    "Env CORELINK_DATABASE_URL."})
        String databaseUrl;

        @Override
        @Nullable String url() {
            return blankToNull(databaseUrl);
        }
    }
}
