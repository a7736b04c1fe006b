package io.corelink.store.jdbc;

import org.jspecify.annotations.Nullable;
import io.corelink.store.StoreUnavailableException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Copies an SQLite store into an empty PostgreSQL store, for a deployment that outgrows one machine: every table in
 * foreign-key order, in batches, in one PostgreSQL transaction (all or nothing). The source must not be in use.
 */
public final class StoreCopy {
    /** Parents before children; not {@code rate_limit_bucket}: a PostgreSQL deployment starts with full buckets. */
    static final List<String> TABLES = List.of("setting", "iam_user", "iam_user_tag",
            "access_key", "iam_user_policy", "iam_policy", "iam_policy_version", "iam_policy_tag",
            "iam_user_policy_attachment", "thing", "thing_attribute", "certificate",
            "thing_principal", "core_device", "client_device_association", "core_device_connectivity",
            "core_device_tag", "core_device_ca", "iot_policy", "iot_policy_version", "iot_policy_target", "iot_policy_tag",
            "audit_event", "change_event", "event_webhook_cursor");
    private static final int BATCH = 1_000;

    private StoreCopy() {
    }

    /**
     * @return the number of rows copied per table, in copy order
     * @throws StoreUnavailableException when either side fails; the target is left as it was
     * @throws IllegalStateException when the target already holds data
     */
    public static Map<String, Long> sqliteToPostgres(Path sqliteFile, String url, @Nullable String user,
                                                     @Nullable String password) {
        PostgresStore.open(url, user, password).close(); // creates or upgrades the target's schema
        SqliteStore.open(sqliteFile).close(); // and brings the source to the same schema version
        PGSimpleDataSource target = new PGSimpleDataSource();
        target.setUrl(url);
        if (user != null) {
            target.setUser(user);
        }
        if (password != null) {
            target.setPassword(password);
        }
        target.setReWriteBatchedInserts(true);
        try (Connection from = java.sql.DriverManager.getConnection("jdbc:sqlite:" + sqliteFile.toAbsolutePath());
             Connection to = target.getConnection()) {
            requireEmpty(to);
            to.setAutoCommit(false);
            Map<String, Long> copied = new LinkedHashMap<>();
            for (String table : TABLES) {
                copied.put(table, copyTable(from, to, table));
            }
            continueNumbering(to);
            to.commit();
            return copied;
        } catch (SQLException e) {
            throw new StoreUnavailableException("cannot copy the store: " + DatabaseProblems.explain(e), e);
        }
    }

    private static void requireEmpty(Connection to) throws SQLException {
        try (Statement statement = to.createStatement();
             ResultSet rows = statement.executeQuery("SELECT (SELECT COUNT(*) FROM thing) + (SELECT COUNT(*) FROM "
                     + "certificate) + (SELECT COUNT(*) FROM access_key) + (SELECT COUNT(*) FROM setting)")) {
            rows.next();
            if (rows.getLong(1) > 0) {
                throw new IllegalStateException("the target store is not empty");
            }
        }
    }

    private static long copyTable(Connection from, Connection to, String table) throws SQLException {
        List<String> columns = new ArrayList<>();
        List<Integer> targetTypes = new ArrayList<>();
        try (Statement statement = to.createStatement();
             ResultSet empty = statement.executeQuery("SELECT * FROM " + table + " WHERE 1 = 0")) {
            ResultSetMetaData meta = empty.getMetaData();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                columns.add(meta.getColumnName(i));
                targetTypes.add(meta.getColumnType(i));
            }
        }
        String columnList = String.join(", ", columns);
        String insert = "INSERT INTO " + table + " (" + columnList + ") VALUES ("
                + String.join(", ", columns.stream().map(c -> "?").toList()) + ")";
        long count = 0;
        try (Statement select = from.createStatement();
             ResultSet rows = select.executeQuery("SELECT " + columnList + " FROM " + table);
             PreparedStatement write = to.prepareStatement(insert)) {
            while (rows.next()) {
                for (int i = 0; i < columns.size(); i++) {
                    int type = targetTypes.get(i);
                    if (type == Types.BOOLEAN || type == Types.BIT) {
                        write.setBoolean(i + 1, rows.getBoolean(i + 1));
                    } else if (type == Types.BIGINT) {
                        long value = rows.getLong(i + 1);
                        if (rows.wasNull()) {
                            write.setNull(i + 1, type);
                        } else {
                            write.setLong(i + 1, value);
                        }
                    } else if (type == Types.INTEGER || type == Types.SMALLINT) {
                        int value = rows.getInt(i + 1);
                        if (rows.wasNull()) {
                            write.setNull(i + 1, type);
                        } else {
                            write.setInt(i + 1, value);
                        }
                    } else if (type == Types.BINARY || type == Types.VARBINARY || type == Types.LONGVARBINARY
                            || type == Types.BLOB) {
                        write.setBytes(i + 1, rows.getBytes(i + 1));
                    } else {
                        write.setString(i + 1, rows.getString(i + 1));
                    }
                }
                write.addBatch();
                if (++count % BATCH == 0) {
                    write.executeBatch();
                }
            }
            write.executeBatch();
        }
        return count;
    }

    /**
     * Rows copied with their ids leave PostgreSQL's identity sequences where they were: each restarts after the
     * highest copied id. SQLite's change events are positioned by their ids, and keep those positions (webhook
     * cursors name them).
     */
    private static void continueNumbering(Connection to) throws SQLException {
        try (Statement statement = to.createStatement()) {
            statement.execute("UPDATE change_event SET position = id WHERE position IS NULL");
            for (String table : List.of("audit_event", "change_event")) {
                statement.execute("SELECT setval(pg_get_serial_sequence('" + table + "', 'id'), "
                        + "COALESCE((SELECT MAX(id) FROM " + table + "), 0) + 1, false)");
            }
        }
    }
}
