package io.corelink.fleet;

import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * How far an import is (operations.md §5): a progress bar on a terminal, a line every so often otherwise (a log file,
 * a CI job), nothing at all in between. Thread-safe: the import's workers step it.
 */
public interface ImportProgress extends AutoCloseable {
    /** One more row done, whatever its outcome. */
    void step();

    @Override
    void close();

    /** A progress bar on standard error (me.tongfei:progressbar). */
    static ImportProgress bar(int rows) {
        ProgressBar bar = new ProgressBarBuilder().setTaskName("import").setInitialMax(rows)
                .setStyle(ProgressBarStyle.ASCII).setUnit(" rows", 1).showSpeed().continuousUpdate()
                .setMaxRenderedLength(100).build();
        return new ImportProgress() {
            @Override
            public void step() {
                bar.step();
            }

            @Override
            public void close() {
                bar.close();
            }
        };
    }

    /** {@code corelink import: 1200 of 10000 rows (12%), 340 rows/s} on {@code out} every {@code period}. */
    static ImportProgress lines(int rows, PrintStream out, Duration period) {
        AtomicInteger done = new AtomicInteger();
        long started = System.nanoTime();
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "corelink-import-progress");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleAtFixedRate(() -> {
            int now = done.get();
            double seconds = Math.max(1e-3, (System.nanoTime() - started) / 1e9);
            out.printf("corelink import: %d of %d rows (%d%%), %.0f rows/s%n", now, rows,
                    rows == 0 ? 100 : now * 100L / rows, now / seconds);
        }, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
        return new ImportProgress() {
            @Override
            public void step() {
                done.incrementAndGet();
            }

            @Override
            public void close() {
                timer.shutdownNow();
            }
        };
    }
}
