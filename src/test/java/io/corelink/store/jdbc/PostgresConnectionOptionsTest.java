package io.corelink.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.corelink.store.Store;
import io.corelink.store.StoreUnavailableException;
import io.corelink.store.SubjectLock;
import io.corelink.testing.TestPostgres;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The request sessions start with {@code lock_timeout} = the store timeout, added to the {@code options} of the
 * operator's {@code --database-url}, not instead of them (a review found a search_path there silently dropped).
 */
class PostgresConnectionOptionsTest {

    @Test
    void theUrlsOptions_andTheLockTimeout_bothReachTheSessions() throws Exception {
        String url = TestPostgres.newDatabase();
        PostgresStore.open(url, "postgres", null).close(); // migrated, so that opening again writes nothing
        String readOnly = url + (url.contains("?") ? "&" : "?") + "options="
                + URLEncoder.encode("-c default_transaction_read_only=on", StandardCharsets.UTF_8);
        Store store = PostgresStore.open(readOnly, "postgres", null, false, Duration.ofMillis(500));
        try (Connection other = DriverManager.getConnection(url, "postgres", null)) {
            java.util.Optional<String> nothing = store.read(tx -> tx.settings().find("anything"));
            assertThat(nothing).isEmpty();
            assertThatThrownBy(() -> store.write(tx -> tx.settings().putIfAbsent("k", "v")))
                    .as("the URL's options reached the sessions").isInstanceOf(StoreUnavailableException.class)
                    .hasMessageContaining("25006");

            // Another node holds the subject: the store's wait for it ends at lock_timeout, not never.
            try (PreparedStatement lock = other.prepareStatement(
                    "SELECT pg_advisory_lock(hashtextextended('associations:held', 0))")) {
                lock.execute();
            }
            long started = System.nanoTime();
            assertThatThrownBy(() -> store.write("associations:held", SubjectLock.EXCLUSIVE, tx -> null))
                    .isInstanceOf(StoreUnavailableException.class).hasMessageContaining("55P03");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).as("bounded by the store timeout")
                    .isLessThan(Duration.ofSeconds(30));
        } finally {
            store.close();
        }
    }
}
