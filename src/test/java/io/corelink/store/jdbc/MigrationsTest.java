package io.corelink.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.corelink.store.Store;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

class MigrationsTest {
    @TempDir
    Path dir;

    @Test
    void latest_isTheHighestMigrationFile() throws IOException {
        int highest = 0;
        try (Stream<Path> files = Files.list(Path.of("src/main/resources/db/migration/common"))) {
            for (Path file : files.toList()) {
                Matcher version = Pattern.compile("V(\\d+)__.*\\.sql").matcher(file.getFileName().toString());
                if (version.matches()) {
                    highest = Math.max(highest, Integer.parseInt(version.group(1)));
                }
            }
        }
        assertThat(Migrations.LATEST).isEqualTo(highest);
    }

    @Test
    void aStoreIsMigratedToLatest_andAStoreAheadOfThisReleaseStillOpens() throws Exception {
        Path file = dir.resolve("store.db");
        SqliteStore.open(file).close();
        SQLiteDataSource dataSource = new SQLiteDataSource();
        dataSource.setUrl("jdbc:sqlite:" + file);
        assertThat(Migrations.installedVersion(dataSource)).isEqualTo(Migrations.LATEST);

        // What `corelink migrate` of the next release leaves behind: a version this release does not know.
        try (var connection = dataSource.getConnection(); var statement = connection.createStatement()) {
            statement.execute("CREATE TABLE from_the_future (x INTEGER)");
            statement.execute("INSERT INTO flyway_schema_history (installed_rank, version, description, type, script, "
                    + "checksum, installed_by, installed_on, execution_time, success) VALUES (99, '"
                    + (Migrations.LATEST + 1) + "', 'future', 'SQL', 'V" + (Migrations.LATEST + 1)
                    + "__future.sql', 0, 'x', CURRENT_TIMESTAMP, 1, 1)");
        }
        try (Store store = SqliteStore.open(file)) {
            assertThat(store.isHealthy()).isTrue();
        }
        SQLiteDataSource empty = new SQLiteDataSource();
        empty.setUrl("jdbc:sqlite:" + dir.resolve("empty.db"));
        assertThat(Migrations.installedVersion(empty)).isZero();
    }
}
