package io.corelink.wire.pipeline;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * One line per request on both planes, on the logger {@code corelink.access} at INFO (on by default;
 * {@code CORELINK_ACCESS_LOG=WARN} turns it off): request id, plane, operation, principal (access key id or certificate
 * id), status, duration and source address, and for a refused or failed request its error code and reason. The
 * reason is the error message the client got, cut to {@link #MAX_REASON} characters, with control characters
 * replaced: it may repeat what the client sent, and a log line must stay one bounded line.
 */
public final class AccessLog implements Stage {
    static final int MAX_REASON = 300;
    private static final Logger ACCESS = LoggerFactory.getLogger("corelink.access");
    private final boolean fields;

    /** The access log of the text format: the facts in the line's text only. */
    public AccessLog() {
        this(false);
    }

    /** @param fields also give each fact as a key-value pair of the line, for the JSON log format */
    public AccessLog(boolean fields) {
        this.fields = fields;
    }

    @Override
    public void record(Call call) {
        if (!ACCESS.isInfoEnabled()) {
            return;
        }
        long micros = (System.nanoTime() - call.startedNanos()) / 1_000;
        String outcome = call.status() == Call.CLOSED ? "closed" : Integer.toString(call.status());
        // With the JSON log format the same facts also go as key-value pairs, which it writes as fields of their
        // own (the text format prints only the message, so they are not built for it). status stays a number in
        // every line, for the log stores that fix a field's type on first sight: a dropped connection is closed.
        LoggingEventBuilder line = ACCESS.atInfo();
        if (fields) {
            line = line.addKeyValue("requestId", call.requestId())
                    .addKeyValue("plane", call.plane())
                    .addKeyValue("operation", call.operation())
                    .addKeyValue("principal", call.principal())
                    .addKeyValue("durationMs", micros / 1000.0)
                    .addKeyValue("sourceIp", call.sourceIp());
            if (call.status() == Call.CLOSED) {
                line = line.addKeyValue("closed", true);
            } else {
                line = line.addKeyValue("status", call.status());
            }
        }
        if (call.reason() == null) {
            line.log("{} {} {} principal={} status={} {}.{}ms ip={}", call.requestId(), call.plane(),
                    call.operation(), call.principal(), outcome, micros / 1000, threeDigits(micros % 1000),
                    call.sourceIp());
        } else {
            String errorCode = call.errorCode() == null ? "-" : call.errorCode();
            String reason = bounded(call.reason());
            if (fields) {
                line = line.addKeyValue("errorCode", errorCode).addKeyValue("reason", reason);
            }
            line.log("{} {} {} principal={} status={} {}.{}ms ip={} error={} reason=\"{}\"", call.requestId(),
                    call.plane(), call.operation(), call.principal(), outcome, micros / 1000,
                    threeDigits(micros % 1000), call.sourceIp(), errorCode, reason);
        }
    }

    private static String threeDigits(long value) {
        return value < 10 ? "00" + value : value < 100 ? "0" + value : Long.toString(value);
    }

    static String bounded(String text) {
        String cut = text.length() > MAX_REASON ? text.substring(0, MAX_REASON) + "…" : text;
        StringBuilder out = new StringBuilder(cut.length());
        for (int i = 0; i < cut.length(); i++) {
            char c = cut.charAt(i);
            out.append(Character.isISOControl(c) ? '?' : c == '"' ? '\'' : c);
        }
        return out.toString();
    }
}
