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

    /** Waits for the "listening on" line and returns the port it names. */
    int awaitListening(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            synchronized (stdout) {
                for (String line : stdout) {
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                        return Integer.parseInt(m.group(1));
                    }
                }
            }
            if (!process.isAlive()) {
                throw new AssertionError("corelink exited with " + process.exitValue() + ": " + stderr + stdout);
            }
            Thread.sleep(50);
        }
        throw new AssertionError("corelink did not start in time: " + stdout + stderr);
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
