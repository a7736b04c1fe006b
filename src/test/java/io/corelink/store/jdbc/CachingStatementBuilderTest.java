package io.corelink.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.PreparedStatement;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/** The writer's statements are prepared once, kept up to the capacity, and closed with the handle. */
class CachingStatementBuilderTest {

    @Test
    void aStatementIsPreparedOnceAndReused_theLeastRecentlyUsedMakesRoom_andTheHandleClosesThemAll()
            throws Exception {
        CachingStatementBuilder builder = new CachingStatementBuilder();
        List<PreparedStatement> kept;
        // As JdbcStore installs it: through the factory, so that closing the handle closes the kept statements.
        Jdbi jdbi = Jdbi.create("jdbc:sqlite::memory:").setStatementBuilderFactory(connection -> builder);
        try (Handle handle = jdbi.open()) {
            handle.execute("CREATE TABLE t (name TEXT PRIMARY KEY)");
            List<PreparedStatement> afterFirst = null;
            for (int i = 0; i < 3; i++) {
                handle.createUpdate("INSERT INTO t SELECT value FROM json_each(:names) WHERE true ON CONFLICT DO NOTHING")
                        .bind("names", "[\"a" + i + "\",\"b" + i + "\"]").execute();
                afterFirst = afterFirst == null ? List.copyOf(builder.kept()) : afterFirst;
            }
            // CREATE TABLE and the INSERT, each prepared once: the same two statements after three inserts.
            assertThat(builder.kept()).hasSize(2).containsExactlyInAnyOrderElementsOf(afterFirst);
            PreparedStatement insert = afterFirst.get(1);
            assertThat(insert.isClosed()).isFalse();
            assertThat(handle.createQuery("SELECT count(*) FROM t WHERE name IN (SELECT value FROM json_each(:n))")
                    .bind("n", "[\"a0\",\"b2\",\"zz\"]").mapTo(Integer.class).one()).isEqualTo(2);

            for (int i = 0; i < CachingStatementBuilder.CAPACITY + 5; i++) {
                assertThat(handle.createQuery("SELECT " + i).mapTo(Integer.class).one()).isEqualTo(i);
            }
            assertThat(builder.kept()).hasSize(CachingStatementBuilder.CAPACITY);
            assertThat(insert.isClosed()).as("the least recently used one was closed").isTrue();
            kept = List.copyOf(builder.kept());
            assertThat(kept).noneMatch(statement -> {
                try {
                    return statement.isClosed();
                } catch (java.sql.SQLException e) {
                    return true;
                }
            });
        }
        for (PreparedStatement statement : kept) {
            assertThat(statement.isClosed()).isTrue();
        }
        assertThat(builder.kept()).isEmpty();
    }
}
