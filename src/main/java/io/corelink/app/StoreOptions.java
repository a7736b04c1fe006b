package io.corelink.app;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where the store is: the options {@code serve} and the store commands share, each also read from CORELINK_*. */
final class StoreOptions {
    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "${env:CORELINK_DATA_DIR:-"
            + ServerConfig.DEFAULT_DATA_DIR + "}", description = "Everything Corelink keeps (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--database-url", paramLabel = "URL", defaultValue = "${env:CORELINK_DATABASE_URL:-}",
            description = "JDBC URL of the store (default: SQLite in the data directory).")
    String databaseUrl;

    @Option(names = "--database-user", paramLabel = "USER", defaultValue = "${env:CORELINK_DATABASE_USER:-}",
            description = "Database user (PostgreSQL).")
    String databaseUser;

    @Option(names = "--database-password", paramLabel = "PASSWORD",
            defaultValue = "${env:CORELINK_DATABASE_PASSWORD:-}", description = "Database password (PostgreSQL).")
    String databasePassword;

    String url() {
        return blankToNull(databaseUrl);
    }

    String user() {
        return blankToNull(databaseUser);
    }

    String password() {
        return blankToNull(databasePassword);
    }

    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
