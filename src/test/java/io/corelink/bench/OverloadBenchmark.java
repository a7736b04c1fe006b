package io.corelink.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Issue 14's overload rows: a caller sending ten times its configured rate limit for a while, against the same
 * request at half the limit. The driver is open-loop (each thread sends on a fixed schedule, and a late send is not
 * skipped), so that the server's queueing shows in the latencies.
 */
final class OverloadBenchmark {
    private OverloadBenchmark() {
    }

    /** What one paced run measured. */
    record Run(long[] admittedNanos, long throttled, long failed, long sent) {
        double p99Micros() {
            if (admittedNanos.length == 0) {
                return Double.NaN;
            }
            long[] sorted = admittedNanos.clone();
            Arrays.sort(sorted);
            return sorted[Math.min(sorted.length - 1, (int) (sorted.length * 0.99))] / 1e3;
        }
    }

    /**
     * Sends {@code request} at {@code rate} a second in all, from {@code threads} threads, for {@code seconds}; each
     * answer's latency is kept when it is a 200, counted as throttled when a 4xx, and as failed when a 5xx.
     */
    static Run paced(Supplier<SignedClient> clients, SignedClient.Prepared request, double rate, int threads,
                     double seconds) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50);
            long end = start + (long) (seconds * 1e9);
            long interval = (long) (threads * 1e9 / rate);
            List<Future<Run>> runs = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                long offset = t * interval / threads;
                runs.add(pool.submit(() -> {
                    long[] admitted = new long[(int) (seconds * rate / threads) + 16];
                    int admittedCount = 0;
                    long throttled = 0;
                    long failed = 0;
                    long sent = 0;
                    try (SignedClient client = clients.get()) {
                        for (long due = start + offset; due < end; due += interval) {
                            long wait = due - System.nanoTime();
                            if (wait > 0) {
                                TimeUnit.NANOSECONDS.sleep(wait);
                            }
                            int status = client.status(request);
                            // From when the request was due, not from when it went out: a server that falls behind
                            // delays the next sends, and that wait is part of what a caller sees.
                            long took = System.nanoTime() - due;
                            sent++;
                            if (status == 200) {
                                if (admittedCount == admitted.length) {
                                    admitted = Arrays.copyOf(admitted, admitted.length * 2);
                                }
                                admitted[admittedCount++] = took;
                            } else if (status >= 500) {
                                failed++;
                            } else {
                                throttled++;
                            }
                        }
                    }
                    return new Run(Arrays.copyOf(admitted, admittedCount), throttled, failed, sent);
                }));
            }
            List<long[]> admitted = new ArrayList<>();
            long throttled = 0;
            long failed = 0;
            long sent = 0;
            for (Future<Run> future : runs) {
                Run run = future.get();
                admitted.add(run.admittedNanos());
                throttled += run.throttled();
                failed += run.failed();
                sent += run.sent();
            }
            long[] all = admitted.stream().flatMapToLong(Arrays::stream).toArray();
            return new Run(all, throttled, failed, sent);
        } finally {
            pool.shutdown();
        }
    }

    /** Requests a second that {@code threads} closed-loop clients get answered (any status) in {@code seconds}. */
    static double throughput(Supplier<SignedClient> clients, SignedClient.Prepared request, int threads,
                             double seconds) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            long start = System.nanoTime();
            long end = start + (long) (seconds * 1e9);
            List<Future<long[]>> counts = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                counts.add(pool.submit(() -> {
                    long done = 0;
                    long failed = 0;
                    try (SignedClient client = clients.get()) {
                        while (System.nanoTime() < end) {
                            if (client.status(request) >= 500) {
                                failed++;
                            }
                            done++;
                        }
                    }
                    return new long[] {done, failed};
                }));
            }
            long done = 0;
            for (Future<long[]> count : counts) {
                long[] result = count.get();
                if (result[1] > 0) {
                    throw new IllegalStateException(result[1] + " answers were 5xx");
                }
                done += result[0];
            }
            return done / ((System.nanoTime() - start) / 1e9);
        } finally {
            pool.shutdown();
        }
    }
}
