package io.corelink.bench;

import io.corelink.app.CorelinkServer;
import io.corelink.app.ServerConfig;
import java.io.PrintStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.greengrassv2.GreengrassV2Client;
import software.amazon.awssdk.services.greengrassv2.model.AssociateClientDeviceWithCoreDeviceEntry;
import software.amazon.awssdk.services.greengrassv2.model.ListClientDevicesAssociatedWithCoreDeviceResponse;

/**
 * Association write throughput through the whole path (HTTP, SigV4, JSON, one SQLite transaction per request) next to
 * raw batched JDBC inserts of the same rows into the same database file, and the cost of the first and of the last
 * page of a large listing; all measured in one run, so that the ratios mean something on a shared machine.
 *
 * <p>Usage: {@code bench/associations.sh [associations=40000] [listing=100000] [clients=4] [sqlite|postgresql]}.
 * Loops are bounded in count.
 */
public final class AssociationBenchmark {
    private static final String KEY = "AKIABENCHMARK0000001";
    private static final String SECRET = "benchmark-secret-0000000000000000000000";
    private static final int BATCH = 100;
    private static final int LATENCY_SAMPLES = 300;
    private static int concurrentClients;

    private AssociationBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int associations = args.length > 0 ? Integer.parseInt(args[0]) : 40_000;
        int listing = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        concurrentClients = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        boolean postgres = args.length > 3 && args[3].equals("postgresql");
        Path dir = BenchTemp.directory("corelink-bench");
        String postgresUrl = postgres ? io.corelink.testing.TestPostgres.newDatabase() : null;
        ServerConfig config = new ServerConfig(dir.resolve("data"), "127.0.0.1", 0, List.of(0), List.of(),
                new io.corelink.domain.Account("us-east-1", "000000000000"), postgresUrl,
                postgres ? "postgres" : null, null, KEY, SECRET);
        CorelinkServer server = CorelinkServer.start(config, Clock.systemUTC(), new PrintStream(OutputStream.nullOutputStream()));
        Path db = server.dataDirectory().resolve("corelink.db");
        System.out.println("store: " + (postgres ? "PostgreSQL 17 (embedded, zonky), reWriteBatchedInserts"
                : "SQLite, WAL, synchronous=FULL"));
        try (Connection jdbc = postgres ? postgresConnection(postgresUrl)
                : DriverManager.getConnection("jdbc:sqlite:" + db)) {
            if (!postgres) {
                configure(jdbc);
            }
            List<String> clients = names("client", associations);
            insertThings(jdbc, concat(List.of("bench-core", "raw-core", "list-core"), clients));

            double api = apiThroughput(server, clients);
            double raw = rawThroughput(jdbc, clients);
            System.out.printf("%-58s %12s %12s%n", "row", "value", "unit");
            row("BatchAssociate via HTTP+SigV4+JSON (" + concurrentClients + " clients, 100/batch)", api, "assoc/s");
            row("raw JDBC batched insert, same rows, same database (100/batch)", raw, "rows/s");
            row("ratio API / raw", api / raw, "");

            List<String> listed = names("listed", listing);
            insertThings(jdbc, listed);
            rawAssociate(jdbc, "list-core", listed);
            listingLatency(server, listing);
        } finally {
            server.close();
        }
    }

    private static double apiThroughput(CorelinkServer server, List<String> names) throws Exception {
        List<List<String>> batches = new ArrayList<>();
        for (int i = 0; i < names.size(); i += BATCH) {
            batches.add(names.subList(i, Math.min(i + BATCH, names.size())));
        }
        ExecutorService pool = Executors.newFixedThreadPool(concurrentClients);
        List<GreengrassV2Client> sdk = IntStream.range(0, concurrentClients).mapToObj(i -> client(server)).toList();
        warmUp(sdk.get(0));
        long start = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>();
        for (int c = 0; c < concurrentClients; c++) {
            int offset = c;
            futures.add(pool.submit(() -> {
                for (int b = offset; b < batches.size(); b += concurrentClients) {
                    List<AssociateClientDeviceWithCoreDeviceEntry> entries = batches.get(b).stream()
                            .map(n -> AssociateClientDeviceWithCoreDeviceEntry.builder().thingName(n).build()).toList();
                    if (!sdk.get(offset).batchAssociateClientDeviceWithCoreDevice(r -> r
                            .coreDeviceThingName("bench-core").entries(entries)).errorEntries().isEmpty()) {
                        throw new IllegalStateException("an entry failed");
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        sdk.forEach(GreengrassV2Client::close);
        return names.size() / seconds;
    }

    private static void warmUp(GreengrassV2Client client) {
        for (int i = 0; i < 200; i++) {
            client.listClientDevicesAssociatedWithCoreDevice(r -> r.coreDeviceThingName("bench-core").maxResults(1));
        }
    }

    private static double rawThroughput(Connection jdbc, List<String> clients) throws Exception {
        long start = System.nanoTime();
        rawAssociate(jdbc, "raw-core", clients);
        return clients.size() / ((System.nanoTime() - start) / 1e9);
    }

    /** The server's own statement, 100 rows a batch, one transaction a batch. */
    static void rawAssociate(Connection jdbc, String core, List<String> clients) throws Exception {
        try (PreparedStatement insert = jdbc.prepareStatement("INSERT INTO client_device_association "
                + "(core_thing_name, client_thing_name, associated_at) VALUES (?, ?, ?) "
                + "ON CONFLICT (core_thing_name, client_thing_name) DO NOTHING")) {
            for (int i = 0; i < clients.size(); i += BATCH) {
                jdbc.setAutoCommit(false);
                for (String client : clients.subList(i, Math.min(i + BATCH, clients.size()))) {
                    insert.setString(1, core);
                    insert.setString(2, client);
                    insert.setLong(3, System.currentTimeMillis());
                    insert.addBatch();
                }
                insert.executeBatch();
                jdbc.commit();
                jdbc.setAutoCommit(true);
            }
        }
    }

    /**
     * Latency of the first page, the second (the first that carries a token) and the last, sampled interleaved so
     * that drift on a shared machine hits all three alike.
     */
    private static void listingLatency(CorelinkServer server, int total) {
        try (GreengrassV2Client client = client(server)) {
            warmUp(client);
            List<String> tokens = new ArrayList<>();
            String token = null;
            do {
                String current = token;
                token = client.listClientDevicesAssociatedWithCoreDevice(r -> r.coreDeviceThingName("list-core")
                        .maxResults(100).nextToken(current)).nextToken();
                if (token != null) {
                    tokens.add(token);
                }
            } while (token != null);
            String second = tokens.get(0);
            String last = tokens.get(tokens.size() - 1);
            long[][] samples = new long[3][LATENCY_SAMPLES];
            for (int i = 0; i < LATENCY_SAMPLES; i++) {
                samples[0][i] = time(() -> client.listClientDevicesAssociatedWithCoreDevice(r -> r
                        .coreDeviceThingName("list-core").maxResults(100)));
                samples[1][i] = time(() -> client.listClientDevicesAssociatedWithCoreDevice(r -> r
                        .coreDeviceThingName("list-core").maxResults(100).nextToken(second)));
                samples[2][i] = time(() -> client.listClientDevicesAssociatedWithCoreDevice(r -> r
                        .coreDeviceThingName("list-core").maxResults(100).nextToken(last)));
            }
            for (long[] s : samples) {
                Arrays.sort(s);
            }
            System.out.printf("listing of %,d associations on one core device: %,d pages of 100%n", total,
                    tokens.size() + 1);
            String[] names = {"first page", "second page", "last page"};
            for (int p = 0; p < 3; p++) {
                row(names[p] + " p50", samples[p][LATENCY_SAMPLES / 2] / 1e3, "us");
                row(names[p] + " p99", samples[p][LATENCY_SAMPLES * 99 / 100] / 1e3, "us");
            }
            row("ratio last / second page (p50)", (double) samples[2][LATENCY_SAMPLES / 2]
                    / samples[1][LATENCY_SAMPLES / 2], "");
        }
    }

    private static long time(Runnable call) {
        long start = System.nanoTime();
        call.run();
        return System.nanoTime() - start;
    }

    private static GreengrassV2Client client(CorelinkServer server) {
        return GreengrassV2Client.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + server.controlPlanePort()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(KEY, SECRET)))
                .httpClient(ApacheHttpClient.create())
                .build();
    }

    static Connection postgresConnection(String url) throws Exception {
        org.postgresql.ds.PGSimpleDataSource dataSource = new org.postgresql.ds.PGSimpleDataSource();
        dataSource.setUrl(url);
        dataSource.setUser("postgres");
        dataSource.setReWriteBatchedInserts(true);
        return dataSource.getConnection();
    }

    static void configure(Connection jdbc) throws Exception {
        try (Statement statement = jdbc.createStatement()) {
            statement.execute("PRAGMA journal_mode=WAL");
            statement.execute("PRAGMA synchronous=FULL");
            statement.execute("PRAGMA foreign_keys=ON");
            statement.execute("PRAGMA busy_timeout=10000");
        }
    }

    static void insertThings(Connection jdbc, List<String> names) throws Exception {
        jdbc.setAutoCommit(false);
        try (PreparedStatement insert = jdbc.prepareStatement(
                "INSERT INTO thing (thing_name, thing_id, version, created_at) VALUES (?, ?, 1, 0)")) {
            for (String name : names) {
                insert.setString(1, name);
                insert.setString(2, java.util.UUID.randomUUID().toString());
                insert.addBatch();
            }
            insert.executeBatch();
        }
        jdbc.commit();
        jdbc.setAutoCommit(true);
    }

    static List<String> names(String prefix, int count) {
        return IntStream.range(0, count).mapToObj(i -> String.format("%s-%07d", prefix, i)).toList();
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static void row(String name, double value, String unit) {
        System.out.printf(unit.isEmpty() ? "%-58s %12.3f %12s%n" : "%-58s %12.1f %12s%n", name, value, unit);
    }
}
