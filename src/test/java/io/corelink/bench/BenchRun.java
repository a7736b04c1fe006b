package io.corelink.bench;

import io.corelink.app.CorelinkServer;
import io.corelink.app.ServerConfig;
import io.corelink.domain.Account;
import io.corelink.testing.TestPostgres;
import io.corelink.wire.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import software.amazon.awssdk.services.iot.model.CreateKeysAndCertificateResponse;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code bench/run}: every row of docs/benchmarks.md in one run, each a ratio to a limit measured in the same run,
 * absolute numbers beside them. Loopback only; every loop bounded in count; about 3-5 minutes on 2 cores.
 *
 * <p>Arguments: {@code [--json FILE] [--quick] [--only GROUP]} ({@code --quick} divides every count by 10, for a
 * smoke run; {@code --only} runs one group of rows: associations, dataplane, startup, postgres or micro).
 */
public final class BenchRun {
    static final String KEY = "AKIABENCHRUN00000001";
    static final String SECRET = "bench-run-secret-00000000000000000000000";
    private static final int CLIENTS = Integer.getInteger("bench.clients", 4);

    record Row(String name, double value, String unit, Double limit, Double ratio) {
    }

    private final List<Row> rows = new ArrayList<>();
    private final int scale;

    private BenchRun(int scale) {
        this.scale = scale;
    }

    public static void main(String[] args) throws Exception {
        Path json = null;
        int scale = 1;
        String only = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--json")) {
                json = Path.of(args[++i]);
            } else if (args[i].equals("--quick")) {
                scale = 10;
            } else if (args[i].equals("--only")) {
                only = args[++i];
            }
        }
        BenchRun run = new BenchRun(scale);
        long started = System.nanoTime();
        if (only == null) {
            Path bigStore = run.sqlite();
            run.processes(bigStore);
            run.postgres();
            run.overload();
            run.recording();
            run.metricsAlone();
            run.fleetImport();
            run.micro();
        } else {
            run.only(only);
        }
        run.print(Duration.ofNanos(System.nanoTime() - started));
        if (json != null) {
            Files.write(json, run.json());
            System.out.println("rows written to " + json);
        }
        System.exit(0);
    }

    /** One group of rows, for working on it: associations, dataplane, startup, postgres or micro. */
    private void only(String group) throws Exception {
        switch (group) {
            case "associations" -> onSqlite((server, jdbc) -> {
                associations(server, jdbc, "SQLite");
                asIamUser(server, jdbc);
            });
            case "dataplane" -> onSqlite((server, jdbc) -> dataPlane(server, "SQLite", true));
            case "startup" -> startUpRows();
            case "postgres" -> postgres();
            case "micro" -> micro();
            case "overload" -> overload();
            case "recording" -> {
                // BENCH_RECORDING=all|metrics|audit|events: the rows for that alone on, to find where the cost is.
                String part = System.getenv("BENCH_RECORDING");
                if (part != null && !part.isBlank()) {
                    if (!List.of("all", "metrics", "audit", "events").contains(part)) {
                        throw new IllegalArgumentException("BENCH_RECORDING is all, metrics, audit or events, not "
                                + part);
                    }
                    recording(part, part);
                    if (part.equals("all")) {
                        storeRecording();
                    }
                } else {
                    recording();
                    metricsAlone();
                }
            }
            case "import" -> fleetImport();
            default -> throw new IllegalArgumentException(
                    "--only associations|dataplane|startup|postgres|micro|overload|recording|import");
        }
    }

    private int count(int full) {
        return Math.max(1, full / scale);
    }

    private void add(String name, double value, String unit, Double limit) {
        Double ratio = limit == null || limit == 0 ? null : value / limit;
        rows.add(new Row(name, value, unit, limit, ratio));
        System.out.printf("  %-70s %14.1f %-8s%n", name, value, unit);
    }

    // ---- issue 14: overload against a rate limit ---------------------------------------------------------------

    /**
     * A caller limited to 200 DescribeThing a second sends ten times that for 30 s, open-loop from four threads: the
     * admitted requests' p99 against the p99 of the same request at half the limit (no throttling), the throttled
     * answers' throughput against a signed request that no route takes (the same parsing and signature check, no
     * store), and the count of 5xx answers (must be zero).
     */
    private void overload() throws Exception {
        System.out.println("Overload: 10x a rate limit (SQLite)");
        int limit = 200;
        Path dir = BenchTemp.directory("corelink-overload");
        CorelinkServer server = CorelinkServer.start(new ServerConfig(dir.resolve("data"), "127.0.0.1", 0,
                        List.of(0), List.of(), new Account("us-east-1", "000000000000"), null, null, null, KEY, SECRET)
                        .withRateLimits(List.of(io.corelink.wire.pipeline.RateLimit.parse("iot:DescribeThing=" + limit
                                + "/" + limit))),
                Clock.systemUTC(), new PrintStream(OutputStream.nullOutputStream()));
        try (SignedClient setup = client(server)) {
            setup.send("POST", "/things/overload-thing", "{}", "iot");
            SignedClient.Prepared describe = setup.prepare("GET", "/things/overload-thing", null, "iot");
            SignedClient.Prepared unrouted = setup.prepare("GET", "/no-such-route", null, "iot");
            java.util.function.Supplier<SignedClient> clients = () -> client(server);
            // Warm both paths, then let the bucket fill again.
            OverloadBenchmark.throughput(clients, describe, 4, count(50_000) / 10_000.0);
            OverloadBenchmark.throughput(clients, unrouted, 4, count(50_000) / 10_000.0);
            Thread.sleep(1_500);
            OverloadBenchmark.Run unloaded = OverloadBenchmark.paced(clients, describe, limit / 2.0, 4,
                    count(150_000) / 10_000.0);
            Thread.sleep(1_500);
            OverloadBenchmark.Run overloaded = OverloadBenchmark.paced(clients, describe, limit * 10.0, 4,
                    count(300_000) / 10_000.0);
            add("overload: admitted p99 at 10x the limit / p99 at half the limit", overloaded.p99Micros(), "us",
                    unloaded.p99Micros());
            add("overload: requests sent at 10x the limit", overloaded.sent(), "requests", null);
            add("overload: admitted", overloaded.admittedNanos().length, "requests", null);
            add("overload: throttled", overloaded.throttled(), "requests", null);
            add("overload: 5xx answers (target 0)", overloaded.failed() + unloaded.failed(), "answers", null);
            double throttledRate = OverloadBenchmark.throughput(clients, describe, 4, count(50_000) / 10_000.0);
            double noOp = OverloadBenchmark.throughput(clients, unrouted, 4, count(50_000) / 10_000.0);
            add("overload: throttled answers / signed request of no route (closed loop, 4 clients)", throttledRate,
                    "req/s", noOp);
        } finally {
            server.close();
        }
    }

    // ---- issue 16: corelink import against the same calls with the Java SDK ---------------------------------------

    /**
     * {@code corelink import} of 10,000 devices (generated key and certificate, policy, association) against a script
     * making the same calls with the AWS SDK for Java at the same concurrency (8), each on a fresh SQLite server of its
     * own, after a warm-up of 500 devices each; the ratio of their throughputs and the import's devices per second.
     */
    private void fleetImport() throws Exception {
        System.out.println("Import: corelink import / the same calls with the Java SDK, 8 at a time (SQLite)");
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        int devices = count(10_000);
        double[] seconds = new double[2];
        for (int pass = 0; pass < 2; pass++) {
            int n = pass == 0 ? Math.min(500, devices) : devices;
            for (int side = 0; side < 2; side++) {
                Path dir = BenchTemp.directory("corelink-bench-import");
                CorelinkServer server = CorelinkServer.start(new ServerConfig(dir.resolve("data"), "127.0.0.1", 0,
                        List.of(0), List.of(), new Account("us-east-1", "000000000000"), null, null, null, KEY,
                        SECRET), Clock.systemUTC(), quiet);
                try {
                    double taken = side == 0 ? ImportBenchmark.viaSdk(server, KEY, SECRET, n, dir)
                            : ImportBenchmark.viaImport(server, KEY, SECRET, n, dir);
                    if (pass == 1) {
                        seconds[side] = taken;
                    }
                } finally {
                    server.close();
                }
            }
        }
        add(String.format("[SQLite] import of %,d devices / the same calls with the Java SDK (%.1f s / %.1f s)",
                devices, seconds[1], seconds[0]), seconds[0] / seconds[1], "ratio", 1.0);
        add("[SQLite] import: devices per second (8 at a time)", devices / seconds[1], "devices/s", null);
    }

    // ---- issue 14: what recording (the audit log; events and metrics as they come) costs --------------------------

    /**
     * BatchAssociate and Discover on a server that records (the audit log and the change events: a record and an
     * outbox row in every change's transaction; the request, TLS and store meters) against one that records none of
     * them, both on SQLite, each in a process of its own, warmed alike until their JITs settled, in alternating
     * rounds; the median ratio.
     */
    private void recording() throws Exception {
        recording("audit, events and metrics", "all");
        storeRecording();
    }

    /** The store's part of the recording rows, on one thread in this process ({@link StoreRecordingBenchmark}). */
    private void storeRecording() throws Exception {
        double[] micros = StoreRecordingBenchmark.cpuPerBatch(count(4_000));
        add(String.format("[SQLite] the store alone, audit record and event on / off: CPU per 100-entry batch, "
                + "off / on (%.0f us / %.0f us)", micros[1], micros[0]), micros[1] / micros[0], "ratio", null);
    }

    /** The same rows with the meters alone on: what metrics cost, apart from what the audit log and events cost. */
    private void metricsAlone() throws Exception {
        recording("metrics alone", "metrics");
    }

    /**
     * Each server is a process of its own ({@link BenchServer}), as a deployment's is: in one JVM the two shared its
     * heap, its collector and the JIT's profiles and compiler threads.
     */
    private void recording(String what, String onRecording) throws Exception {
        System.out.println("Recording: " + what + " on / all off (SQLite, a process a server)");
        Path dir = BenchTemp.directory("corelink-bench-recording");
        try (BenchServerProcess on = BenchServerProcess.start(dir.resolve("on"), onRecording, java());
             BenchServerProcess off = BenchServerProcess.start(dir.resolve("off"), "nothing", java());
             Connection onJdbc = DriverManager.getConnection("jdbc:sqlite:"
                     + on.dataDirectory().resolve("corelink.db"));
             Connection offJdbc = DriverManager.getConnection("jdbc:sqlite:"
                     + off.dataDirectory().resolve("corelink.db"))) {
            AssociationBenchmark.configure(onJdbc);
            AssociationBenchmark.configure(offJdbc);
            int total = count(600_000);
            List<String> clients = AssociationBenchmark.names("r", total);
            // The warm-up has names of its own, so that every measured association is a fresh one.
            List<String> warmNames = AssociationBenchmark.names("w", count(10_000));
            List<String> all = new ArrayList<>(List.of("rec-core", "warm-core", "rec-seed"));
            all.addAll(clients);
            all.addAll(warmNames);
            AssociationBenchmark.insertThings(onJdbc, all);
            AssociationBenchmark.insertThings(offJdbc, all);
            // The warm-up runs what the measured rounds run, until both JITs have settled (as row 1 does): fresh
            // rows (each round associates, then disassociates, the same names) on a core device that already is
            // one. A fixed 16 rounds re-associating the same names left the JIT deoptimising and recompiling through
            // the measured rounds: 22 % of the recording server's CPU samples in them were its compiler threads
            // (5 % on the other), which the row charged to recording.
            batchAssociate(on.controlPlanePort(), "rec-core", List.of("rec-seed"), KEY, SECRET);
            batchAssociate(off.controlPlanePort(), "rec-core", List.of("rec-seed"), KEY, SECRET);
            int warmRequests = warmUp(() -> {
                batchAssociate(on.controlPlanePort(), "warm-core", warmNames, KEY, SECRET);
                batchAssociate(off.controlPlanePort(), "warm-core", warmNames, KEY, SECRET);
                batchDisassociate(on.controlPlanePort(), "warm-core", warmNames);
                batchDisassociate(off.controlPlanePort(), "warm-core", warmNames);
                return 4 * ((warmNames.size() + 99) / 100);
            }, () -> on.compilationMillis() + off.compilationMillis());
            add("[SQLite] recording rows (" + what + "): warm-up until both servers' JITs settled", warmRequests,
                    "requests", null);
            // Sixty rounds of 10,000 fresh associations a side (a fleet that grows): a round's ratio moves by ±0.3
            // on a shared machine, so twenty rounds left the median ±0.06 from run to run, more than recording
            // costs.
            int rounds = 60;
            // A mark for a profiler to attach at (the rows themselves are printed at the end).
            System.out.println("Recording: measured rounds start after " + warmRequests + " warm-up requests");
            double[] ratios = new double[rounds];
            long cpuOn = 0;
            long cpuOff = 0;
            for (int round = 0; round < rounds; round++) {
                List<String> slice = clients.subList(round * total / rounds, (round + 1) * total / rounds);
                boolean onFirst = round % 2 == 0;
                long onCpu = on.cpuMillis();
                long offCpu = off.cpuMillis();
                long first = batchAssociate((onFirst ? on : off).controlPlanePort(), "rec-core", slice, KEY,
                        SECRET);
                long second = batchAssociate((onFirst ? off : on).controlPlanePort(), "rec-core", slice, KEY,
                        SECRET);
                cpuOn += on.cpuMillis() - onCpu;
                cpuOff += off.cpuMillis() - offCpu;
                ratios[round] = onFirst ? (double) second / first : (double) first / second;
            }
            System.out.println("Recording: measured rounds end");
            Arrays.sort(ratios);
            add(String.format("[SQLite] BatchAssociate with %s on / all off, median of %d "
                    + "rounds (min %.2f, max %.2f)", what, rounds, ratios[0], ratios[rounds - 1]),
                    median(ratios), "ratio", 1.0);
            // What recording costs in CPU over the same rounds. The target is on the wall-clock row, which waits partly
            // on the one writer's turn and partly on the CPU (a server uses 1 to 1.5 cores in its round), so the two
            // differ.
            add(String.format("[SQLite] BatchAssociate, CPU of the server with %s off / on, %d rounds (%d ms / %d ms)",
                    what, rounds, cpuOff, cpuOn), (double) cpuOff / cpuOn, "ratio", 1.0);

            String discover = "/greengrass/discover/thing/bench-sensor";
            String onRoot = Files.readString(on.dataDirectory().resolve("ca/root-ca.pem"));
            String offRoot = Files.readString(off.dataDirectory().resolve("ca/root-ca.pem"));
            SSLContext onContext = DataPlaneBenchmark.clientContext(DataPlaneBenchmark.setUp(on.controlPlanePort(),
                    on.dataPlanePort(), onRoot, KEY, SECRET), onRoot);
            SSLContext offContext = DataPlaneBenchmark.clientContext(DataPlaneBenchmark.setUp(off.controlPlanePort(),
                    off.dataPlanePort(), offRoot, KEY, SECRET), offRoot);
            for (int round = 0; round < 3; round++) {
                DataPlaneBenchmark.keptAlive(onContext, on.dataPlanePort(), discover, count(20_000), CLIENTS);
                DataPlaneBenchmark.keptAlive(offContext, off.dataPlanePort(), discover, count(20_000), CLIENTS);
            }
            // Ten rounds, the first side alternating: the client's TLS shares the two cores, so a round's ratio
            // moves by ±0.3 too.
            double[] discoverRatios = new double[10];
            for (int round = 0; round < discoverRatios.length; round++) {
                boolean onFirst = round % 2 == 0;
                double first = onFirst ? keptAlive(onContext, on, discover) : keptAlive(offContext, off, discover);
                double second = onFirst ? keptAlive(offContext, off, discover) : keptAlive(onContext, on, discover);
                discoverRatios[round] = onFirst ? first / second : second / first;
            }
            Arrays.sort(discoverRatios);
            add(String.format("[SQLite] Discover with %s on / all off, median of %d rounds "
                    + "(min %.2f, max %.2f)", what, discoverRatios.length, discoverRatios[0],
                    discoverRatios[discoverRatios.length - 1]), median(discoverRatios), "ratio", 1.0);
        }
    }

    /** Discover requests a second over kept-alive connections, a round of the recording rows. */
    private double keptAlive(SSLContext context, BenchServerProcess server, String path) throws Exception {
        return DataPlaneBenchmark.keptAlive(context, server.dataPlanePort(), path, count(10_000), CLIENTS);
    }

    /** The median of sorted values. */
    private static double median(double[] sorted) {
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    // ---- rows 1-4: SQLite, in-process server --------------------------------------------------------------

    private Path sqlite() throws Exception {
        System.out.println("SQLite store (WAL, synchronous=FULL)");
        return onSqlite((server, jdbc) -> {
            associations(server, jdbc, "SQLite");
            asIamUser(server, jdbc);
            listing(server, jdbc);
            dataPlane(server, "SQLite", true);
        });
    }

    private interface SqliteRows {
        void run(CorelinkServer server, Connection jdbc) throws Exception;
    }

    /** Runs rows against a new in-process server on SQLite and a raw connection to its file; returns its data dir. */
    private static Path onSqlite(SqliteRows rows) throws Exception {
        Path dir = BenchTemp.directory("corelink-benchrun");
        CorelinkServer server = start(dir.resolve("data"), null);
        try (Connection jdbc = DriverManager.getConnection("jdbc:sqlite:"
                + server.dataDirectory().resolve("corelink.db"))) {
            AssociationBenchmark.configure(jdbc);
            rows.run(server, jdbc);
        } finally {
            server.close();
        }
        return dir.resolve("data");
    }

    private static CorelinkServer start(Path dataDir, String postgresUrl) {
        return CorelinkServer.start(new ServerConfig(dataDir, "127.0.0.1", 0, List.of(0), List.of(),
                        new Account("us-east-1", "000000000000"), postgresUrl, postgresUrl == null ? null : "postgres",
                        null, KEY, SECRET),
                Clock.systemUTC(), new PrintStream(OutputStream.nullOutputStream()));
    }

    private static SignedClient client(CorelinkServer server) {
        return client(server, KEY, SECRET);
    }

    private static SignedClient client(CorelinkServer server, String key, String secret) {
        return new SignedClient(URI.create("http://127.0.0.1:" + server.controlPlanePort()), key, secret);
    }

    /**
     * Issue 13's row: BatchAssociate signed by an IAM user whose scoped policy must be evaluated on every request
     * (three statements: the allow on its own line's core devices, a deny elsewhere, and one that does not match),
     * against the same calls by the administrator (the account's root: no policy consulted). Alternating rounds of
     * fresh rows, each side on its own core device; the median of the rounds' ratios.
     */
    private void asIamUser(CorelinkServer server, Connection jdbc) throws Exception {
        // 20,000 associations a side and round (200 requests): shorter rounds left the rounds' ratios spread 0.5-2.4
        // on a shared machine.
        int total = count(400_000);
        List<String> clients = AssociationBenchmark.names("u", total);
        List<String> all = new ArrayList<>(List.of("line1-user-core", "line1-admin-core"));
        all.addAll(clients);
        AssociationBenchmark.insertThings(jdbc, all);
        String[] user;
        try (software.amazon.awssdk.services.iam.IamClient iam = software.amazon.awssdk.services.iam.IamClient
                .builder().endpointOverride(URI.create("http://127.0.0.1:" + server.controlPlanePort()))
                .region(software.amazon.awssdk.regions.Region.AWS_GLOBAL)
                .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                        software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create(KEY, SECRET)))
                .httpClient(software.amazon.awssdk.http.apache.ApacheHttpClient.create()).build()) {
            iam.createUser(r -> r.userName("bench-provisioner"));
            iam.putUserPolicy(r -> r.userName("bench-provisioner").policyName("line1").policyDocument(
                    "{\"Version\":\"2012-10-17\",\"Statement\":["
                    + "{\"Effect\":\"Allow\",\"Action\":\"iot:Describe*\",\"Resource\":\"*\"},"
                    + "{\"Effect\":\"Deny\",\"Action\":\"greengrass:*\",\"Resource\":"
                    + "\"arn:aws:greengrass:us-east-1:000000000000:coreDevices:line2-*\"},"
                    + "{\"Effect\":\"Allow\",\"Action\":\"greengrass:BatchAssociateClientDeviceWithCoreDevice\","
                    + "\"Resource\":\"arn:aws:greengrass:us-east-1:000000000000:coreDevices:line1-*\"}]}"));
            var key = iam.createAccessKey(r -> r.userName("bench-provisioner")).accessKey();
            user = new String[] {key.accessKeyId(), key.secretAccessKey()};
        }
        int rounds = 10;
        double[] ratios = new double[rounds];
        long userNanos = 0;
        long adminNanos = 0;
        for (int round = 0; round < rounds; round++) {
            List<String> slice = clients.subList(round * total / rounds, (round + 1) * total / rounds);
            List<String> first = slice.subList(0, slice.size() / 2);
            List<String> second = slice.subList(slice.size() / 2, slice.size());
            // Who goes first alternates: the second half of a round writes to a slightly bigger table.
            boolean userFirst = round % 2 == 0;
            long asUser = batchAssociate(server, "line1-user-core", userFirst ? first : second, user[0], user[1]);
            long asAdmin = batchAssociate(server, "line1-admin-core", userFirst ? second : first, KEY, SECRET);
            userNanos += asUser;
            adminNanos += asAdmin;
            ratios[round] = (double) asAdmin / asUser;
        }
        Arrays.sort(ratios);
        add("[SQLite] BatchAssociate as an IAM user with a scoped policy", total / 2 / (userNanos / 1e9), "assoc/s",
                total / 2 / (adminNanos / 1e9));
        add(String.format("[SQLite] BatchAssociate as an IAM user / as the administrator, median of %d rounds "
                + "(min %.2f, max %.2f)", rounds, ratios[0], ratios[rounds - 1]), ratios[rounds / 2], "ratio", 1.0);
    }

    /**
     * Row 1 (and 7): BatchAssociate, 100-entry signed batches, 4 clients, against raw batched inserts. Both sides are
     * first warmed with the same kind of work on another core device (a server runs for long; a cold JIT would
     * measure the compiler, which the native-bound raw insert hardly needs), then measured on fresh rows.
     */
    private void associations(CorelinkServer server, Connection jdbc, String store) throws Exception {
        int total = count(200_000);
        List<String> clients = AssociationBenchmark.names("c", total);
        List<String> all = new ArrayList<>(List.of("api-core", "raw-core", "warm-api-core", "warm-raw-core"));
        all.addAll(clients);
        AssociationBenchmark.insertThings(jdbc, all);
        // Warm until the JIT has settled: a fixed 5,000 requests left C2 compiling for about half of the measured
        // rounds' CPU on 2 cores (100-270 ms of compilation a 200-request round), which measured the compiler, not
        // the server. Re-associating the same 10,000 names runs the same code.
        List<String> warmNames = clients.subList(0, Math.min(total, 10_000));
        int warmRequests = warmUp(() -> {
            batchAssociate(server, "warm-api-core", warmNames);
            AssociationBenchmark.rawAssociate(jdbc, "warm-raw-core", warmNames);
            return (warmNames.size() + 99) / 100;
        });
        add("[" + store + "] BatchAssociate warm-up until the JIT settled", warmRequests, "requests", null);
        // Ten alternating rounds of fresh rows, API then raw: drift on a shared machine hits both sides alike, and
        // the spread of the rounds' ratios shows how steady the row is.
        long apiNanos = 0;
        long rawNanos = 0;
        int rounds = 10;
        double[] roundRatios = new double[rounds];
        for (int round = 0; round < rounds; round++) {
            List<String> slice = clients.subList(round * total / rounds, (round + 1) * total / rounds);
            long api = batchAssociate(server, "api-core", slice);
            long rawStart = System.nanoTime();
            AssociationBenchmark.rawAssociate(jdbc, "raw-core", slice);
            long raw = System.nanoTime() - rawStart;
            apiNanos += api;
            rawNanos += raw;
            roundRatios[round] = (double) raw / api;
        }
        double api = total / (apiNanos / 1e9);
        double raw = total / (rawNanos / 1e9);
        add("[" + store + "] BatchAssociate, 100/batch, signed, 4 clients / raw JDBC batch insert, same store",
                api, "assoc/s", raw);
        Arrays.sort(roundRatios);
        add(String.format("[%s] BatchAssociate / raw, median of %d rounds (min %.2f, max %.2f)", store, rounds,
                roundRatios[0], roundRatios[rounds - 1]), roundRatios[rounds / 2], "ratio", null);
    }

    /** One warm-up round; returns how many requests it sent. */
    private interface WarmUpRound {
        int run() throws Exception;
    }

    /**
     * Runs warm-up rounds until the JIT has settled, that is until compilation took under 2 % of the wall time of the
     * last ten rounds (C2 compiles in bursts, so a window, not single rounds), bounded: at least 15,000 and at most
     * 60,000 requests (a tenth with {@code --quick}); returns how many requests it sent.
     */
    private int warmUp(WarmUpRound round) throws Exception {
        java.lang.management.CompilationMXBean jit = java.lang.management.ManagementFactory.getCompilationMXBean();
        return warmUp(round, jit::getTotalCompilationTime);
    }

    /** The JIT compilation time, in milliseconds, of the JVMs that serve a warm-up. */
    private interface CompilationClock {
        long millis() throws Exception;
    }

    /** As {@link #warmUp(WarmUpRound)}, with the compilation time of the JVMs that {@code compiled} reads. */
    private int warmUp(WarmUpRound round, CompilationClock compiled) throws Exception {
        int window = 10;
        java.util.ArrayDeque<double[]> recent = new java.util.ArrayDeque<>();
        int sent = 0;
        while (sent < count(6_000_000) / 100) {
            long compiledBefore = compiled.millis();
            long start = System.nanoTime();
            sent += round.run();
            recent.addLast(new double[] {(System.nanoTime() - start) / 1e6,
                    compiled.millis() - compiledBefore});
            if (recent.size() > window) {
                recent.removeFirst();
            }
            double wall = recent.stream().mapToDouble(r -> r[0]).sum();
            double compiling = recent.stream().mapToDouble(r -> r[1]).sum();
            if (sent >= count(1_500_000) / 100 && recent.size() == window && compiling < 0.02 * wall) {
                break;
            }
        }
        return sent;
    }

    /**
     * Associates {@code clients} with {@code core} in 100-entry signed requests from {@link #CLIENTS} clients; the
     * returned nanoseconds time only the sending: each client signs and serialises its requests before the clock
     * starts, so that the driver's CPU on the same two cores (a fifth of the samples when it signed in the loop) is
     * not charged to the server.
     */
    private static long batchAssociate(CorelinkServer server, String core, List<String> clients) throws Exception {
        return batchAssociate(server, core, clients, KEY, SECRET);
    }

    private static long batchAssociate(CorelinkServer server, String core, List<String> clients, String key,
                                       String secret) throws Exception {
        return batchAssociate(server.controlPlanePort(), core, clients, key, secret);
    }

    private static long batchAssociate(int controlPlanePort, String core, List<String> clients, String key,
                                       String secret) throws Exception {
        return batch(controlPlanePort, "associateClientDevices", core, clients, key, secret);
    }

    /** As {@link #batchAssociate}, for BatchDisassociate. */
    private static long batchDisassociate(int controlPlanePort, String core, List<String> clients) throws Exception {
        return batch(controlPlanePort, "disassociateClientDevices", core, clients, KEY, SECRET);
    }

    private static long batch(int controlPlanePort, String action, String core, List<String> clients, String key,
                              String secret) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        try {
            List<List<SignedClient.Prepared>> requests = new ArrayList<>();
            List<SignedClient> signed = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                SignedClient client = new SignedClient(URI.create("http://127.0.0.1:" + controlPlanePort), key,
                        secret);
                List<SignedClient.Prepared> mine = new ArrayList<>();
                for (int b = c * 100; b < clients.size(); b += CLIENTS * 100) {
                    StringBuilder body = new StringBuilder("{\"entries\":[");
                    for (int i = b; i < Math.min(b + 100, clients.size()); i++) {
                        body.append(i == b ? "" : ",").append("{\"thingName\":\"").append(clients.get(i))
                                .append("\"}");
                    }
                    mine.add(client.prepare("POST", "/greengrass/v2/coreDevices/" + core + "/" + action,
                            body.append("]}").toString(), "greengrass"));
                }
                requests.add(mine);
                signed.add(client);
            }
            long start = System.nanoTime();
            List<Future<?>> futures = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                SignedClient client = signed.get(c);
                List<SignedClient.Prepared> mine = requests.get(c);
                futures.add(pool.submit(() -> {
                    for (SignedClient.Prepared request : mine) {
                        String answer = client.send(request);
                        if (!answer.equals("{\"errorEntries\":[]}")) {
                            throw new IllegalStateException(answer);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
            long took = System.nanoTime() - start;
            signed.forEach(SignedClient::close);
            return took;
        } finally {
            pool.shutdown();
        }
    }

    /** Row 2: first and last page at 1,000,000 associations on one core device. */
    private void listing(CorelinkServer server, Connection jdbc) throws Exception {
        int total = count(1_000_000);
        List<String> names = AssociationBenchmark.names("l", total);
        List<String> all = new ArrayList<>(List.of("list-core"));
        all.addAll(names);
        AssociationBenchmark.insertThings(jdbc, all);
        AssociationBenchmark.rawAssociate(jdbc, "list-core", names);
        SignedClient signed = client(server);
        String path = "/greengrass/v2/coreDevices/list-core/associatedClientDevices?maxResults=100";
        String token = null;
        String last = null;
        Pattern next = Pattern.compile("\"nextToken\":\"([^\"]+)\"");
        do {
            String body = signed.send("GET", path + (token == null ? "" : "&nextToken="
                    + java.net.URLEncoder.encode(token, StandardCharsets.UTF_8)), null, "greengrass");
            Matcher matcher = next.matcher(body);
            token = matcher.find() ? matcher.group(1) : null;
            if (token != null) {
                last = token;
            }
        } while (token != null);
        String lastPath = path + "&nextToken=" + java.net.URLEncoder.encode(last, StandardCharsets.UTF_8);
        int samples = 400;
        long[] first = new long[samples];
        long[] end = new long[samples];
        for (int i = 0; i < samples; i++) {
            long t0 = System.nanoTime();
            signed.send("GET", path, null, "greengrass");
            long t1 = System.nanoTime();
            signed.send("GET", lastPath, null, "greengrass");
            first[i] = t1 - t0;
            end[i] = System.nanoTime() - t1;
        }
        Arrays.sort(first);
        Arrays.sort(end);
        String at = String.format("%,d", total);
        add("ListClientDevices first page p50 at " + at + " associations", first[samples / 2] / 1e3, "us", null);
        add("ListClientDevices first page p99 at " + at + " associations", first[samples * 99 / 100] / 1e3, "us",
                null);
        add("ListClientDevices last page p50 / first page p50", end[samples / 2] / 1e3, "us",
                first[samples / 2] / 1e3);
        add("ListClientDevices last page p99 / first page p99", end[samples * 99 / 100] / 1e3, "us",
                first[samples * 99 / 100] / 1e3);
    }

    /** Rows 3 and 4 (and 7): Discover kept-alive vs a no-op route; p99 at half load; handshakes vs bare JDK. */
    private void dataPlane(CorelinkServer server, String store, boolean handshakes) throws Exception {
        String rootCa = Files.readString(server.dataDirectory().resolve("ca/root-ca.pem"));
        CreateKeysAndCertificateResponse sensor = setUpDiscovery(server, rootCa);
        SSLContext context = DataPlaneBenchmark.clientContext(sensor, rootCa);
        int port = server.dataPlanePorts().get(0);
        String discover = "/greengrass/discover/thing/bench-sensor";
        // The JIT needs some 40,000 requests of each kind on 2 cores before either rate settles (measured: Discover
        // 5,000 -> 13,500 -> 19,800 -> 23,700 req/s over successive 20,000-request rounds), and Discover has more
        // code to compile than the no-op route: a short warm-up measured the compiler, not the path.
        for (int round = 0; round < 3; round++) {
            DataPlaneBenchmark.keptAlive(context, port, discover, count(20_000), CLIENTS);
            DataPlaneBenchmark.keptAlive(context, port, "/bench/no-op", count(20_000), CLIENTS);
        }
        // Then alternating rounds, the median of each: drift on a shared machine hits both alike.
        double[] discoverRates = new double[3];
        double[] noOpRates = new double[3];
        for (int round = 0; round < 3; round++) {
            discoverRates[round] = DataPlaneBenchmark.keptAlive(context, port, discover, count(20_000), CLIENTS);
            noOpRates[round] = DataPlaneBenchmark.keptAlive(context, port, "/bench/no-op", count(20_000), CLIENTS);
        }
        Arrays.sort(discoverRates);
        Arrays.sort(noOpRates);
        double discoverRate = discoverRates[1];
        double noOp = noOpRates[1];
        add("[" + store + "] Discover, kept-alive mTLS, 4 clients / no-op route, same listener", discoverRate,
                "req/s", noOp);
        // Three paced runs; the one with the median p99 is reported (a tail is what a noisy neighbour moves most).
        long[][] runs = new long[3][];
        for (int run = 0; run < runs.length; run++) {
            runs[run] = paced(context, port, discover, discoverRate / 2, count(10_000));
        }
        Arrays.sort(runs, java.util.Comparator.comparingLong(latencies -> latencies[latencies.length * 99 / 100]));
        long[] latencies = runs[1];
        add("[" + store + "] Discover p99 at half that load / p50", latencies[latencies.length * 99 / 100] / 1e3, "us",
                latencies[latencies.length / 2] / 1e3);
        if (handshakes) {
            authorizationCost(context, port, discover);
        }
        if (handshakes) {
            try (DataPlaneBenchmark.BareTlsServer bare = DataPlaneBenchmark.BareTlsServer.start()) {
                SSLContext bareClient = DataPlaneBenchmark.clientContext(sensor, bare.caPem);
                DataPlaneBenchmark.newConnections(context, port, discover, count(200), CLIENTS);
                DataPlaneBenchmark.newConnections(bareClient, bare.port(), "/", count(200), CLIENTS);
                double corelink = DataPlaneBenchmark.newConnections(context, port, discover, count(1_000), CLIENTS);
                double jdk = DataPlaneBenchmark.newConnections(bareClient, bare.port(), "/", count(1_000), CLIENTS);
                add("New mTLS handshake + Discover / bare JDK TLS server, RSA 2048 both", corelink, "conn/s", jdk);
            }
        }
    }

    /**
     * Issue 12's row: Discover under IoT-policy authorization (the default) against a second server that authorizes by
     * certificate alone, same setup, alternating rounds.
     */
    private void authorizationCost(SSLContext policyContext, int policyPort, String discover) throws Exception {
        Path dir = BenchTemp.directory("corelink-bench-certificate-mode");
        CorelinkServer plain = CorelinkServer.start(new ServerConfig(dir.resolve("data"), "127.0.0.1", 0, List.of(0),
                        List.of(), new Account("us-east-1", "000000000000"), null, null, null, KEY, SECRET)
                        .withDataPlaneAuthorization(io.corelink.app.DataPlaneAuthorization.CERTIFICATE),
                Clock.systemUTC(), new PrintStream(OutputStream.nullOutputStream()));
        try {
            String rootCa = Files.readString(plain.dataDirectory().resolve("ca/root-ca.pem"));
            SSLContext context = DataPlaneBenchmark.clientContext(setUpDiscovery(plain, rootCa), rootCa);
            int port = plain.dataPlanePorts().get(0);
            for (int round = 0; round < 3; round++) {
                DataPlaneBenchmark.keptAlive(context, port, discover, count(20_000), CLIENTS);
            }
            double[] withPolicies = new double[5];
            double[] withoutPolicies = new double[5];
            for (int round = 0; round < withPolicies.length; round++) {
                withPolicies[round] = DataPlaneBenchmark.keptAlive(policyContext, policyPort, discover,
                        count(20_000), CLIENTS);
                withoutPolicies[round] = DataPlaneBenchmark.keptAlive(context, port, discover, count(20_000),
                        CLIENTS);
            }
            Arrays.sort(withPolicies);
            Arrays.sort(withoutPolicies);
            add("[SQLite] Discover, iot-policy authorization / certificate authorization, kept-alive mTLS",
                    withPolicies[2], "req/s", withoutPolicies[2]);
        } finally {
            plain.close();
        }
    }

    private static CreateKeysAndCertificateResponse setUpDiscovery(CorelinkServer server, String rootCa)
            throws IOException {
        return DataPlaneBenchmark.setUp(server, rootCa, KEY, SECRET);
    }

    /** Latencies (ns, sorted) of requests sent at {@code rate} per second in total over kept-alive connections. */
    private static long[] paced(SSLContext context, int port, String path, double rate, int total) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        java.util.concurrent.CyclicBarrier connected = new java.util.concurrent.CyclicBarrier(CLIENTS);
        long interval = (long) (1e9 * CLIENTS / rate);
        List<Future<long[]>> futures = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            int share = total / CLIENTS;
            long offset = c * interval / CLIENTS;
            futures.add(pool.submit(() -> {
                long[] latencies = new long[share];
                try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("localhost", port)) {
                    // As device SDKs do: without it Nagle and delayed ACKs add ~40 ms stalls to small requests.
                    socket.setTcpNoDelay(true);
                    OutputStream out = socket.getOutputStream();
                    InputStream in = new java.io.BufferedInputStream(socket.getInputStream());
                    byte[] request = ("GET " + path + " HTTP/1.1\r\nHost: localhost\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII);
                    // Connected, handshaken and answered once before the schedule starts, all clients together: a
                    // handshake inside the schedule would put every client tens of milliseconds behind it at once.
                    out.write(request);
                    out.flush();
                    DataPlaneBenchmark.readResponse(in);
                    connected.await();
                    long next = System.nanoTime() + offset;
                    for (int i = 0; i < share; i++) {
                        long wait = next - System.nanoTime();
                        if (wait > 0) {
                            LockSupport.parkNanos(wait);
                        }
                        // Measured from the scheduled send time, so a slow answer delays (and counts for) the next.
                        out.write(request);
                        out.flush();
                        DataPlaneBenchmark.readResponse(in);
                        latencies[i] = System.nanoTime() - next;
                        next += interval;
                    }
                }
                return latencies;
            }));
        }
        List<Long> all = new ArrayList<>();
        for (Future<long[]> future : futures) {
            for (long latency : future.get()) {
                all.add(latency);
            }
        }
        pool.shutdown();
        return all.stream().mapToLong(Long::longValue).sorted().toArray();
    }

    // ---- rows 5 and 6: memory and start-up, the server as its own process ------------------------------------

    /**
     * Rows 5 and 6, through the launcher as users start Corelink ({@code ./corelink serve}, {@code JAVA_OPTS=-Xmx256m},
     * so with the launcher's class-data-sharing archive). Start-up figures are medians of several starts.
     */
    private void processes(Path bigStore) throws Exception {
        System.out.println("Processes (JAVA_OPTS=-Xmx256m ./corelink serve)");
        double bare = startUpRows();
        long[] memory = new long[2];
        startUp(serve(bigStore), false, memory);
        String size = storeSize(bigStore);
        add("Start-up to first 200, " + size + " / bare JDK HTTP server",
                median(3, () -> startUp(serve(bigStore), false, null)), "ms", bare);
        add("Heap used while serving " + size + ", -Xmx256m / max heap", memory[0] / 1048576.0, "MiB", 256.0);
        add("RSS while serving " + size + ", -Xmx256m / max heap", memory[1] / 1048576.0, "MiB", 256.0);
    }

    /** Row 6 on an empty store, restarted and first started; returns the bare JDK server's start-up (ms). */
    private double startUpRows() throws Exception {
        double bare = median(5, () -> startUp(List.of(java(), "-cp", System.getProperty("java.class.path"),
                BareHealthServer.class.getName()), true, null));
        Path empty = BenchTemp.directory("corelink-benchrun-empty").resolve("data");
        startUp(serve(empty), false, null); // after a build the launcher first makes its archive: not measured
        add("Start-up to first 200, empty store (a restart) / bare JDK HTTP server",
                median(7, () -> startUp(serve(empty), false, null)), "ms", bare);
        add("Start-up to first 200, first start (creates the store, root CA, keys) / bare JDK HTTP server",
                median(3, () -> startUp(serve(BenchTemp.directory("corelink-benchrun-first").resolve("data")),
                        false, null)), "ms", bare);
        add("RSS of an idle server, ./corelink serve without JAVA_OPTS / the JVM's default max heap (RAM / 4)",
                idleRss(empty) / 1048576.0, "MiB", defaultMaxHeap() / 1048576.0);
        return bare;
    }

    /** RSS of {@code ./corelink serve} as a user starts it (no JAVA_OPTS), 5 s after it first answered health. */
    private static long idleRss(Path dataDir) throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        ProcessBuilder builder = new ProcessBuilder("./corelink", "serve", "--data-dir", dataDir.toString(), "--port",
                Integer.toString(port), "--data-plane-port", "0").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().remove("JAVA_OPTS");
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("CORELINK_ACCESS_KEY_ID", KEY);
        builder.environment().put("CORELINK_SECRET_ACCESS_KEY", SECRET);
        Process process = builder.start();
        try {
            awaitHealthy(process, port, System.nanoTime());
            Thread.sleep(5_000);
            return rss(process.pid());
        } finally {
            process.destroy();
            process.waitFor(20, TimeUnit.SECONDS);
        }
    }

    /** What the JVM would take as its max heap on this machine without the launcher's setting: a quarter of RAM. */
    private static long defaultMaxHeap() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
            if (line.startsWith("MemTotal:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024 / 4;
            }
        }
        return -1;
    }

    private interface Measurement {
        double take() throws Exception;
    }

    private static double median(int times, Measurement measurement) throws Exception {
        double[] values = new double[times];
        for (int i = 0; i < times; i++) {
            values[i] = measurement.take();
        }
        Arrays.sort(values);
        return values[times / 2];
    }

    private String storeSize(Path store) throws Exception {
        try (Connection jdbc = DriverManager.getConnection("jdbc:sqlite:" + store.resolve("corelink.db"));
             var statement = jdbc.createStatement();
             var rs = statement.executeQuery("SELECT (SELECT COUNT(*) FROM thing), "
                     + "(SELECT COUNT(*) FROM client_device_association)")) {
            rs.next();
            return String.format("%,d things + %,d associations", rs.getLong(1), rs.getLong(2));
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static List<String> serve(Path dataDir) {
        return List.of("./corelink", "serve", "--data-dir", dataDir.toString(), "--port", "PORT",
                "--data-plane-port", "0");
    }

    /**
     * Milliseconds from process start to the first 200 of the health check; with {@code memory}, also loads the
     * server (list pages, things) and reads its heap use and RSS before stopping it.
     */
    private double startUp(List<String> command, boolean portIsLastArgument, long[] memory) throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        List<String> resolved = new ArrayList<>();
        for (String part : command) {
            resolved.add(part.equals("PORT") ? Integer.toString(port) : part);
        }
        if (portIsLastArgument) {
            resolved.add(Integer.toString(port));
        }
        ProcessBuilder builder = new ProcessBuilder(resolved).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("JAVA_OPTS", "-Xmx256m");
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("CORELINK_ACCESS_KEY_ID", KEY);
        builder.environment().put("CORELINK_SECRET_ACCESS_KEY", SECRET);
        long start = System.nanoTime();
        Process process = builder.start();
        try {
            awaitHealthy(process, port, start);
            double millis = (System.nanoTime() - start) / 1e6;
            if (memory != null) {
                SignedClient signed = new SignedClient(URI.create("http://127.0.0.1:" + port), KEY, SECRET);
                for (int i = 0; i < count(300); i++) {
                    signed.send("GET", "/greengrass/v2/coreDevices/list-core/associatedClientDevices?maxResults=100",
                            null, "greengrass");
                    signed.send("GET", "/things?maxResults=250", null, "iot");
                }
                memory[0] = heapUsed(process.pid());
                memory[1] = rss(process.pid());
            }
            return millis;
        } finally {
            process.destroy();
            process.waitFor(20, TimeUnit.SECONDS);
        }
    }

    /** Polls the process's health check until it answers 200 (every 5 ms; at most 120 s from {@code start}). */
    private static void awaitHealthy(Process process, int port, long start) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(200)).build();
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/_corelink/health"))
                .timeout(Duration.ofSeconds(2)).build();
        while (true) {
            try {
                if (http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            if (!process.isAlive() || System.nanoTime() - start > TimeUnit.SECONDS.toNanos(120)) {
                throw new IllegalStateException("the process did not become healthy");
            }
            Thread.sleep(5);
        }
    }

    /** Heap in use after a full GC (jcmd GC.run then GC.heap_info): what the process needs, not what it holds. */
    private static long heapUsed(long pid) throws Exception {
        String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        new ProcessBuilder(jcmd, Long.toString(pid), "GC.run").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
        Process info = new ProcessBuilder(jcmd, Long.toString(pid), "GC.heap_info").redirectErrorStream(true).start();
        String text = new String(info.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        info.waitFor();
        Matcher used = Pattern.compile("used (\\d+)K").matcher(text);
        return used.find() ? Long.parseLong(used.group(1)) * 1024 : -1;
    }

    private static long rss(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        return -1;
    }

    // ---- row 7: rows 1 and 3 on PostgreSQL -------------------------------------------------------------------

    private void postgres() throws Exception {
        System.out.println("PostgreSQL 17 store (embedded, zonky)");
        String url = TestPostgres.newDatabase();
        CorelinkServer server = start(BenchTemp.directory("corelink-benchrun-pg").resolve("data"), url);
        try (Connection jdbc = AssociationBenchmark.postgresConnection(url)) {
            associations(server, jdbc, "PostgreSQL");
            dataPlane(server, "PostgreSQL", false);
        } finally {
            server.close();
        }
    }

    // ---- JMH micro-benchmarks ----------------------------------------------------------------------------------

    private void micro() throws Exception {
        System.out.println("JMH micro-benchmarks (1 fork, 1 warm-up and 3 measured iterations of 1 s)");
        org.openjdk.jmh.runner.options.Options options = new org.openjdk.jmh.runner.options.OptionsBuilder()
                .include(MicroBenchmarks.class.getName())
                .forks(1).warmupIterations(1).measurementIterations(3)
                .warmupTime(org.openjdk.jmh.runner.options.TimeValue.seconds(1))
                .measurementTime(org.openjdk.jmh.runner.options.TimeValue.seconds(1))
                .jvmArgsAppend("--enable-native-access=ALL-UNNAMED")
                .verbosity(org.openjdk.jmh.runner.options.VerboseMode.SILENT)
                .build();
        java.util.Map<String, Double> scores = new java.util.HashMap<>();
        for (org.openjdk.jmh.results.RunResult result : new org.openjdk.jmh.runner.Runner(options).run()) {
            String method = result.getParams().getBenchmark();
            scores.put(method.substring(method.lastIndexOf('.') + 1), result.getPrimaryResult().getScore());
        }
        add("JMH SigV4 verification / its crypto floor (2 SHA-256, 5 HMAC)", scores.get("sigV4Verify"), "ops/ms",
                scores.get("sigV4CryptoFloor"));
        add("JMH Discover document built and serialised / cached bytes copied", scores.get("discoveryDocumentBuilt"),
                "ops/ms", scores.get("discoveryDocumentCached"));
    }

    // ---- output --------------------------------------------------------------------------------------------

    private void print(Duration took) {
        System.out.println();
        System.out.printf("%-78s %14s %-8s %14s %8s%n", "row", "value", "unit", "limit", "ratio");
        for (Row row : rows) {
            System.out.printf("%-78s %14.1f %-8s %14s %8s%n", row.name(), row.value(), row.unit(),
                    row.limit() == null ? "" : String.format("%.1f", row.limit()),
                    row.ratio() == null ? "" : String.format("%.3f", row.ratio()));
        }
        System.out.printf("%d rows in %d s%n", rows.size(), took.toSeconds());
    }

    private byte[] json() {
        ArrayNode array = tools.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
        for (Row row : rows) {
            ObjectNode node = array.addObject();
            node.put("name", row.name());
            node.put("value", row.value());
            node.put("unit", row.unit());
            if (row.limit() == null) {
                node.putNull("limit");
                node.putNull("ratio");
            } else {
                node.put("limit", row.limit());
                node.put("ratio", row.ratio());
            }
        }
        return Json.write(array);
    }


}
