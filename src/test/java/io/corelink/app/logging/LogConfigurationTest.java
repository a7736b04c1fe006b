package io.corelink.app.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.LoggingEvent;
import org.junit.jupiter.api.Test;

/** What a client can put into a log line through a library's message stays one bounded line. */
class LogConfigurationTest {

    @Test
    void aMessageWithLineBreaksAndNoEnd_isOneLineOfBoundedLength() {
        LoggerContext context = new LoggerContext();
        PatternLayout layout = new PatternLayout();
        layout.setContext(context);
        layout.setPattern(LogConfiguration.PATTERN);
        layout.start();
        String hostile = "Bad Host: evil\r\n2026-12-02T00:00:00.000Z ERROR Forged - line\u0007" + "x".repeat(10_000);
        LoggingEvent event = new LoggingEvent("test", context.getLogger("org.eclipse.jetty.server.HttpChannel"),
                Level.WARN, hostile, null, null);

        String line = layout.doLayout(event);

        assertThat(line).endsWith("\n");
        String body = line.substring(0, line.length() - 1);
        assertThat(body).doesNotContain("\n").doesNotContain("\r").doesNotContain("\u0007")
                .contains("WARN  HttpChannel - Bad Host: evil??2026-12-02T00:00:00.000Z ERROR Forged - line?xxx");
        assertThat(body.length()).isLessThan(2_100);
    }
}
