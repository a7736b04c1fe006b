package io.corelink.store.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The named SQL statements of the JDBC store, read from {@code statements.sql} with the blocks of
 * {@code statements.<dialect>.sql} laid over them, so that Java code holds names and never SQL text.
 */
final class SqlStatements {
    private static final String NAME_MARKER = "-- name:";
    private final Map<String, String> byName;

    private SqlStatements(Map<String, String> byName) {
        this.byName = Map.copyOf(byName);
    }

    static SqlStatements load(String dialect) {
        Map<String, String> statements = new HashMap<>(parse(read("statements.sql", true)));
        statements.putAll(parse(read("statements." + dialect + ".sql", false)));
        return new SqlStatements(statements);
    }

    /** @throws IllegalArgumentException when no statement has that name, which is a programming error */
    String get(String name) {
        String sql = byName.get(name);
        if (sql == null) {
            throw new IllegalArgumentException("no SQL statement named " + name);
        }
        return sql;
    }

    private static String read(String resource, boolean required) {
        try (InputStream in = SqlStatements.class.getResourceAsStream(resource)) {
            if (in == null) {
                if (required) {
                    throw new IllegalStateException("missing resource " + resource);
                }
                return "";
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, String> parse(String text) {
        Map<String, String> result = new HashMap<>();
        String name = null;
        StringBuilder body = new StringBuilder();
        for (String line : text.split("\n")) {
            if (line.startsWith(NAME_MARKER)) {
                if (name != null) {
                    result.put(name, body.toString().strip());
                }
                name = line.substring(NAME_MARKER.length()).strip();
                body.setLength(0);
            } else if (name != null && !line.startsWith("--")) {
                body.append(line).append('\n');
            }
        }
        if (name != null) {
            result.put(name, body.toString().strip());
        }
        return result;
    }
}
