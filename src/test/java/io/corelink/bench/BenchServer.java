package io.corelink.bench;

import io.corelink.app.CorelinkServer;
import io.corelink.app.ServerConfig;
import io.corelink.domain.Account;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * A benchmark's server in a process of its own, for rows that compare two configurations of one server: two servers in
 * one JVM share its heap, its collector and the JIT's profiles, which a deployment's server does not.
 *
 * <p>Arguments: the data directory and what it records ({@code all}: the defaults; {@code metrics}: the meters alone;
 * {@code audit} or {@code events}: that alone, for finding where recording's cost is; {@code nothing}). On its
 * standard error (its standard output is the server's log, which {@link BenchServerProcess} discards) it prints
 * {@code bench ports CONTROL DATA} once listening, then answers each {@code jit} line of its standard input with
 * {@code bench jit MILLIS}, its JIT's total compilation time; it stops at the end of its input.
 */
public final class BenchServer {
    private BenchServer() {
    }

    public static void main(String[] args) throws Exception {
        ServerConfig.Recording recording = switch (args[1]) {
            case "all" -> ServerConfig.Recording.DEFAULTS;
            case "metrics" -> new ServerConfig.Recording(0, 0, List.of(), true);
            case "nothing" -> ServerConfig.Recording.NOTHING;
            case "audit" -> new ServerConfig.Recording(ServerConfig.DEFAULT_AUDIT_RETENTION_DAYS, 0, List.of(),
                    false);
            case "events" -> new ServerConfig.Recording(0, ServerConfig.DEFAULT_EVENT_RETENTION_DAYS, List.of(),
                    false);
            default -> throw new IllegalArgumentException("all, metrics, audit, events or nothing, not " + args[1]);
        };
        ServerConfig config = new ServerConfig(Path.of(args[0]), "127.0.0.1", 0, List.of(0), List.of(),
                new Account("us-east-1", "000000000000"), null, null, null, BenchRun.KEY, BenchRun.SECRET)
                .withRecording(recording);
        try (CorelinkServer server = CorelinkServer.start(config, Clock.systemUTC(),
                new PrintStream(OutputStream.nullOutputStream()))) {
            System.err.println("bench ports " + server.controlPlanePort() + " " + server.dataPlanePorts().get(0));
            BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String line; (line = commands.readLine()) != null; ) {
                if (line.equals("jit")) {
                    System.err.println("bench jit " + ManagementFactory.getCompilationMXBean()
                            .getTotalCompilationTime());
                }
            }
        }
    }
}
