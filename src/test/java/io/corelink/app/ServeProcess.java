package io.corelink.app;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code corelink} run as the user runs it: the packaged jar in its own JVM, its output collected line by line. */
final class ServeProcess implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("corelink: control plane listening on https?://[^:]+:(\\d+)");
    private static final Pattern READY = Pattern.compile("serving with .*; ready in \\d+ ms");
    private final Process process;
    private final List<String> stdout = Collections.synchronizedList(new ArrayList<>());
    private final List<String> stderr = Collections.synchronizedList(new ArrayList<>());

    private ServeProcess(Process process) {
        this.process = process;
        collect(process.getInputStream(), stdout);
        collect(process.getErrorStream(), stderr);
    }

    static ServeProcess run(Map<String, String> env, String... args) {
        return start(List.of(), env, args);
    }

    /** As {@link #run}, with files the process writes limited to {@code kibibytes} (a disk that fills up). */
    static ServeProcess runWithFileSizeLimit(long kibibytes, Map<String, String> env, String... args) {
        return start(List.of("bash", "-c", "ulimit -f " + kibibytes + "; exec \"$0\" \"$@\""), env, args);
    }

    private static ServeProcess start(List<String> prefix, Map<String, String> env, String... args) {
        List<String> command = new ArrayList<>(prefix);
        command.addAll(List.of(javaBinary(), "--enable-native-access=ALL-UNNAMED", "-jar", jar().toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(k -> k.startsWith("CORELINK_"));
        builder.environment().putAll(env);
        try {
            return new ServeProcess(builder.start());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code ./corelink} itself, the launcher users run, with the test's JVM as {@code JAVA_HOME}. */
    static ServeProcess launcher(Map<String, String> env, String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of("corelink").toAbsolutePath().toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(k -> k.startsWith("CORELINK_") || k.equals("JAVA_OPTS"));
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().putAll(env);
        try {
            return new ServeProcess(builder.start());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static Path jar() {
        return Path.of(System.getProperty("corelink.jar", "target/corelink.jar"));
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static void collect(java.io.InputStream in, List<String> lines) {
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    lines.add(line);
                }
            } catch (IOException e) {
                // the process ended
            }
        });
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Waits until the server has printed all its start-up lines and returns the control plane's port. The "listening
     * on" lines come in a block, then the "ready in" log line: waiting for the first alone raced the reader thread
     * for the data plane's line.
     */
    int awaitListening(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Matcher listening = awaitLine(LISTENING, deadline);
        awaitLine(READY, deadline);
        return Integer.parseInt(listening.group(1));
    }

    private Matcher awaitLine(Pattern pattern, long deadline) throws InterruptedException {
        while (System.nanoTime() < deadline) {
            synchronized (stdout) {
                for (String line : stdout) {
                    Matcher m = pattern.matcher(line);
                    if (m.find()) {
                        return m;
                    }
                }
            }
            if (!process.isAlive()) {
                throw new AssertionError("corelink exited with " + process.exitValue() + ": " + stderr + stdout);
            }
            Thread.sleep(50);
        }
        throw new AssertionError("corelink did not print " + pattern + " in time: " + stdout + stderr);
    }

    int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("corelink did not exit in time");
        }
        Thread.sleep(100); // let the readers drain
        return process.exitValue();
    }

    void signal(String name) throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).start().waitFor();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    void kill() {
        process.destroyForcibly();
    }

    List<String> stdout() {
        synchronized (stdout) {
            return List.copyOf(stdout);
        }
    }

    List<String> stderr() {
        synchronized (stderr) {
            return List.copyOf(stderr);
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
