package io.corelink.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** A {@link BenchServer} started as a process of its own from this JVM's class path, with the same heap limit. */
final class BenchServerProcess implements AutoCloseable {
    private final Process process;
    private final Path dataDirectory;
    private final Writer commands;
    private final BlockingQueue<String> answers = new LinkedBlockingQueue<>();
    private final int controlPlanePort;
    private final int dataPlanePort;

    private BenchServerProcess(Process process, Path dataDirectory) throws IOException, InterruptedException {
        this.process = process;
        this.dataDirectory = dataDirectory;
        this.commands = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread reader = new Thread(this::readAnswers, "bench-server-answers");
        reader.setDaemon(true);
        reader.start();
        String[] ports = answer("ports", 60).split(" ");
        this.controlPlanePort = Integer.parseInt(ports[0]);
        this.dataPlanePort = Integer.parseInt(ports[1]);
    }

    private static final AtomicInteger STARTED = new AtomicInteger();

    /**
     * Starts a server on {@code dataDirectory} that records {@code what} (see {@link BenchServer}). The environment
     * variable {@code BENCH_SERVER_OPTS} adds JVM options, space-separated, {@code WHAT} in them replaced by
     * {@code what} and the number of the server in this run, {@code all-1} (a profile of each server:
     * {@code -XX:StartFlightRecording=filename=/tmp/WHAT.jfr}).
     */
    static BenchServerProcess start(Path dataDirectory, String what, String java) throws Exception {
        List<String> command = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED",
                "-Xmx" + Runtime.getRuntime().maxMemory() / (1024 * 1024) + "m"));
        String extra = System.getenv("BENCH_SERVER_OPTS");
        if (extra != null && !extra.isBlank()) {
            command.addAll(List.of(extra.replace("WHAT", what + "-" + STARTED.incrementAndGet()).strip()
                    .split("\\s+")));
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), BenchServer.class.getName(),
                dataDirectory.toString(), what));
        Process process = new ProcessBuilder(command)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            return new BenchServerProcess(process, dataDirectory);
        } catch (Exception e) {
            process.destroyForcibly();
            throw e;
        }
    }

    int controlPlanePort() {
        return controlPlanePort;
    }

    int dataPlanePort() {
        return dataPlanePort;
    }

    Path dataDirectory() {
        return dataDirectory;
    }

    /** The process's CPU time so far (all its threads), in the operating system's ticks (10 ms here). */
    long cpuMillis() {
        return process.info().totalCpuDuration().map(java.time.Duration::toMillis)
                .orElseThrow(() -> new IllegalStateException("this system does not report a process's CPU time"));
    }

    /** The server's JIT's total compilation time so far, in milliseconds. */
    long compilationMillis() throws IOException, InterruptedException {
        commands.write("jit\n");
        commands.flush();
        return Long.parseLong(answer("jit", 30));
    }

    private String answer(String kind, int seconds) throws IOException, InterruptedException {
        for (long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds); ; ) {
            String line = answers.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line == null) {
                throw new IOException("the benchmark's server process gave no '" + kind + "' in " + seconds + " s");
            }
            if (line.startsWith("bench " + kind + " ")) {
                return line.substring(("bench " + kind + " ").length());
            }
        }
    }

    private void readAnswers() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getErrorStream(),
                StandardCharsets.UTF_8))) {
            for (String line; (line = lines.readLine()) != null; ) {
                if (line.startsWith("bench ")) {
                    answers.add(line);
                }
            }
        } catch (IOException e) {
            // the process ended
        }
    }

    @Override
    public void close() throws Exception {
        try {
            commands.close();
        } finally {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
