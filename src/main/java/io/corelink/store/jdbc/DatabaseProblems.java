package io.corelink.store.jdbc;

import org.jspecify.annotations.Nullable;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.util.Locale;

/**
 * Says in one plain clause why a database could not be opened or used, for an operator's terminal or log: the cause
 * as the operator can act on it, never a driver's class name, SQL text or a value from the URL's query (which may
 * hold a password).
 */
final class DatabaseProblems {
    private DatabaseProblems() {
    }

    static String explain(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            String known = explainOne(cause);
            if (known != null) {
                return known;
            }
        }
        SQLException sql = find(failure, SQLException.class);
        return sql != null && sql.getSQLState() != null ? "the database failed (SQLSTATE " + sql.getSQLState() + ")"
                : "the database failed";
    }

    private static @Nullable String explainOne(Throwable cause) {
        if (cause instanceof UnknownHostException) {
            return "the database host name does not resolve; check the host in --database-url";
        }
        if (cause instanceof ConnectException || cause instanceof NoRouteToHostException) {
            return "nothing accepts connections at the database's host and port; is the database server running, "
                    + "and are host and port in --database-url right?";
        }
        if (cause instanceof SocketTimeoutException) {
            return "the database server did not answer in time";
        }
        if (!(cause instanceof SQLException sql)) {
            return null;
        }
        String state = sql.getSQLState() == null ? "" : sql.getSQLState();
        String message = sql.getMessage() == null ? "" : sql.getMessage().toLowerCase(Locale.ROOT);
        if (message.contains("no password was provided")) {
            return "the database asks for a password and none was given; set CORELINK_DATABASE_PASSWORD or "
                    + "--database-password-file";
        }
        return switch (state) {
            case "28P01" -> "the database refused the password of this user; check the user and the password";
            case "28000" -> "the database refused this user (unknown role, or not allowed to connect from here)";
            case "3D000" -> "the database named in the URL does not exist; create it first";
            case "42501" -> "the database user lacks a privilege Corelink needs (it creates and alters its tables)";
            case "53100" -> "the database server's disk is full";
            case "57P01", "57P02", "57P03" -> "the database server is shutting down or starting up; try again";
            case "08001", "08006" -> "cannot connect to the database server; is it running, and is the URL right?";
            default -> sqliteProblem(message);
        };
    }

    /**
     * Whether the failure is the database refusing to store anything (a full disk, a read-only file or file system,
     * a disk error), as opposed to a conflict, a busy pool or a lost connection: the kind of failure that makes a
     * node unfit to take writes until an operator acts.
     */
    static boolean refusesWrites(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SQLException sql) {
                String state = sql.getSQLState() == null ? "" : sql.getSQLState();
                String message = sql.getMessage() == null ? "" : sql.getMessage().toLowerCase(Locale.ROOT);
                if (state.equals("53100") || state.equals("25006") || state.startsWith("58")
                        || message.contains("sqlite_full") || message.contains("sqlite_readonly")
                        || message.contains("sqlite_ioerr")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The SQLite driver reports its result codes in the message ("[SQLITE_FULL] ..."). */
    private static @Nullable String sqliteProblem(String message) {
        if (message.contains("sqlite_full")) {
            return "the disk holding the database is full";
        }
        if (message.contains("sqlite_readonly")) {
            return "the database file cannot be written (read-only file or file system)";
        }
        if (message.contains("sqlite_cantopen")) {
            return "the database file cannot be opened (missing directory, or no permission)";
        }
        if (message.contains("sqlite_notadb") || message.contains("sqlite_corrupt")) {
            return "the file is not a healthy SQLite database";
        }
        if (message.contains("sqlite_perm") || message.contains("sqlite_auth")) {
            return "permission denied";
        }
        if (message.contains("sqlite_ioerr")) {
            return "the disk reported an input/output error";
        }
        return null;
    }

    private static <T extends Throwable> @Nullable T find(Throwable failure, Class<T> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
        }
        return null;
    }
}
