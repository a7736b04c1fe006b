package io.corelink.app.logging;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Corelink's logging, set up in code (found by logback through {@code META-INF/services}): one line per event on
 * standard output, {@code %nopex} so that no stack trace is ever printed; {@code CORELINK_LOG_LEVEL} (default INFO)
 * for everything, {@code CORELINK_ACCESS_LOG} (default INFO; DEBUG prints one line per request) for
 * {@code corelink.access}; Jetty, HikariCP, Flyway and JDBI at WARN.
 *
 * <p>Why in code: logback's XML configuration took 250 ms of a 1.8 s start (docs/benchmarks.md, row 6). An operator
 * who wants another configuration still passes {@code -Dlogback.configurationFile=...}; this then steps aside.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class LogConfiguration extends ContextAwareBase implements Configurator {
    /**
     * One bounded line per event, whatever a message holds: control characters (a CR or LF that a client put into a
     * Host header, say, and a library repeated) become '?', and a message is cut at 2,000 characters.
     */
    static final String PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSX,UTC} %-5level %logger{0} - "
            + "%.-2000replace(%msg){'\\p{Cntrl}', '?'}%n%nopex";

    /**
     * The access log's lines are made of Corelink's own values only (ids, names, numbers, and a reason that
     * {@code AccessLog} already bounded and cleaned), so they skip the cost of the replacement above: one line per
     * request adds up.
     */
    static final String ACCESS_PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSX,UTC} %-5level %logger{0} - %msg%n%nopex";

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();
        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(context);
        console.setName("STDOUT");
        console.setEncoder(encoder);
        console.start();
        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(level("CORELINK_LOG_LEVEL"));
        root.addAppender(console);
        for (String quiet : new String[] {"org.eclipse.jetty", "com.zaxxer.hikari", "org.flywaydb", "org.jdbi"}) {
            context.getLogger(quiet).setLevel(Level.WARN);
        }
        // The access log writes on a thread of its own: a request hands its line over and goes on (a write to
        // standard output per request would sit on the request path). The queue blocks when full, never drops.
        PatternLayoutEncoder accessEncoder = new PatternLayoutEncoder();
        accessEncoder.setContext(context);
        accessEncoder.setPattern(ACCESS_PATTERN);
        accessEncoder.start();
        ConsoleAppender<ILoggingEvent> accessConsole = new ConsoleAppender<>();
        accessConsole.setContext(context);
        accessConsole.setName("ACCESS-STDOUT");
        accessConsole.setEncoder(accessEncoder);
        accessConsole.start();
        AsyncAppender access = new AsyncAppender();
        access.setContext(context);
        access.setName("ACCESS");
        access.setQueueSize(16_384);
        access.setDiscardingThreshold(0);
        access.setNeverBlock(false);
        access.addAppender(accessConsole);
        access.start();
        ch.qos.logback.classic.Logger accessLogger = context.getLogger("corelink.access");
        accessLogger.setLevel(level("CORELINK_ACCESS_LOG"));
        accessLogger.setAdditive(false);
        accessLogger.addAppender(access);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    private static Level level(String variable) {
        String value = System.getenv(variable);
        return Level.toLevel(value == null || value.isBlank() ? null : value.strip(), Level.INFO);
    }

    /**
     * Switches Corelink's two console appenders to one JSON object a line ({@code serve --log-format json},
     * operations.md §6): {@code timestamp} (ISO-8601, UTC), {@code level}, {@code logger}, {@code message}, and the
     * key-value pairs a line carries (the access log's {@code requestId}, {@code plane}, {@code operation},
     * {@code principal}, {@code status}, {@code durationMs}, {@code sourceIp}, and {@code errorCode} and
     * {@code reason} when refused). Never a stack trace, as in text. Does nothing when an operator's own logback
     * configuration is in use ({@code -Dlogback.configurationFile}).
     */
    public static void useJson() {
        LoggerContext context = initializedContext();
        if (context == null) {
            return;
        }
        json = true;
        ch.qos.logback.core.Appender<ILoggingEvent> root =
                context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("STDOUT");
        ch.qos.logback.core.Appender<ILoggingEvent> access = context.getLogger("corelink.access").getAppender("ACCESS");
        if (root instanceof ConsoleAppender<ILoggingEvent> console) {
            switchToJson(console, context);
        }
        if (access instanceof AsyncAppender async
                && async.getAppender("ACCESS-STDOUT") instanceof ConsoleAppender<ILoggingEvent> console) {
            switchToJson(console, context);
        }
    }

    /**
     * Logback's context once SLF4J has finished starting. While another thread (the class preloading of
     * {@code serve}) is starting it, SLF4J hands out a stand-in factory for a moment: waited out, for at most 5 s.
     * Null when SLF4J is bound to something else than Logback.
     */
    private static @org.jspecify.annotations.Nullable LoggerContext initializedContext() {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
        while (true) {
            org.slf4j.ILoggerFactory factory = LoggerFactory.getILoggerFactory();
            if (factory instanceof LoggerContext context) {
                return context;
            }
            if (!(factory instanceof org.slf4j.helpers.SubstituteLoggerFactory) || System.nanoTime() > deadline) {
                return null;
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
    }

    private static void switchToJson(ConsoleAppender<ILoggingEvent> console, LoggerContext context) {
        net.logstash.logback.encoder.LogstashEncoder json = new net.logstash.logback.encoder.LogstashEncoder();
        json.setContext(context);
        net.logstash.logback.fieldnames.LogstashFieldNames names = json.getFieldNames();
        String ignore = net.logstash.logback.fieldnames.LogstashCommonFieldNames.IGNORE_FIELD_INDICATOR;
        names.setTimestamp("timestamp");
        names.setLogger("logger");
        names.setVersion(ignore);
        names.setLevelValue(ignore);
        names.setThread(ignore);
        names.setStackTrace(ignore);
        json.setTimeZone("UTC");
        json.setIncludeContext(false);
        json.setIncludeMdc(false);
        json.start();
        console.stop();
        console.setEncoder(json);
        console.start();
    }

    private static volatile boolean json;

    /** Whether {@link #useJson()} switched the log to JSON in this process. */
    public static boolean jsonInUse() {
        return json;
    }

    /** Writes out what the access log still queues and stops logging; for the end of the process. */
    public static void flush() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            context.stop();
        }
    }
}
