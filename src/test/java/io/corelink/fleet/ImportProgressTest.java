package io.corelink.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import io.corelink.testing.Eventually;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Progress away from a terminal: a line now and then (every 10 s in {@code corelink import}), nothing after close. */
class ImportProgressTest {
    @Test
    void lines_sayHowManyRowsOfHowManyAreDone_everyPeriod() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        ImportProgress progress = ImportProgress.lines(3, out, Duration.ofMillis(50));
        progress.step();
        progress.step();
        Eventually.until(() -> bytes.toString(StandardCharsets.UTF_8), text -> text.contains("2 of 3 rows"));
        progress.close();
        String printed = bytes.toString(StandardCharsets.UTF_8);
        assertThat(printed.lines().filter(line -> line.contains("2 of 3 rows")).findFirst().orElseThrow())
                .matches("corelink import: 2 of 3 rows \\(66%\\), \\d+ rows/s");
        Thread.sleep(200);
        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo(printed);
    }
}
