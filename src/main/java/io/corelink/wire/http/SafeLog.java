package io.corelink.wire.http;

import java.sql.SQLException;

/**
 * Describes a fault for the log without what must never reach a log line: no stack trace, no SQL text, no values.
 * What remains is enough to find the fault: the exception types along the cause chain, SQL states, and the place in
 * Corelink's own code where it was thrown.
 */
public final class SafeLog {
    private SafeLog() {
    }

    public static String describe(Throwable fault) {
        StringBuilder out = new StringBuilder();
        for (Throwable t = fault; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (out.length() > 0) {
                out.append(" <- ");
            }
            out.append(t.getClass().getSimpleName());
            if (t instanceof SQLException sql) {
                out.append("[state=").append(sql.getSQLState()).append(", code=").append(sql.getErrorCode()).append(']');
            }
        }
        for (StackTraceElement frame : fault.getStackTrace()) {
            if (frame.getClassName().startsWith("io.corelink.")) {
                out.append(" at ").append(frame.getClassName()).append('.').append(frame.getMethodName())
                        .append(':').append(frame.getLineNumber());
                break;
            }
        }
        return out.toString();
    }
}
