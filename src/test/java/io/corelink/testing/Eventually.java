package io.corelink.testing;

import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Reads again until what a test reads is what it waits for, for at most 5 s, then returns the last reading (the test's
 * assertion then says what was wrong). For what the server records in the pipeline's last stage, after the answer is
 * on its way (metrics, the audit records of refusals), or in the background.
 */
public final class Eventually {
    private static final long WAIT_NANOS = TimeUnit.SECONDS.toNanos(5);

    private Eventually() {
    }

    public static <T> T until(Supplier<T> read, Predicate<? super T> done) {
        long deadline = System.nanoTime() + WAIT_NANOS;
        T value = read.get();
        while (!done.test(value) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return value;
            }
            value = read.get();
        }
        return value;
    }
}
