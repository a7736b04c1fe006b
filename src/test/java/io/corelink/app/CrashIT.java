package io.corelink.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.retry.RetryPolicy;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.greengrassv2.GreengrassV2Client;
import software.amazon.awssdk.services.greengrassv2.model.AssociateClientDeviceWithCoreDeviceEntry;
import software.amazon.awssdk.services.greengrassv2.model.AssociatedClientDevice;
import software.amazon.awssdk.services.iot.IotClient;
import software.amazon.awssdk.services.iot.model.ThingAttribute;

/**
 * {@code corelink serve} killed with SIGKILL under write load, ten times over one data directory: after every restart
 * each acknowledged write is there, no batch is half applied, and SQLite's integrity check passes.
 */
class CrashIT {
    private static final String KEY = "AKIACRASHTEST0000001";
    private static final String SECRET = "crash-test-secret-00000000000000000000000";
    private static final int CYCLES = 10;
    private static final int WRITERS = 4;
    private static final int BATCH = 5;
    private static final Duration START = Duration.ofSeconds(60);

    @TempDir
    Path tmp;

    /** A batch some writer sent: its thing names, and whether its answer came back. */
    private record Batch(String core, List<String> things, boolean acknowledged) {
    }

    @Test
    void killedUnderWriteLoad_tenTimes_losesNothingAcknowledged_andAppliesNoBatchByHalves() throws Exception {
        Path dataDir = tmp.resolve("data");
        Set<String> acknowledgedThings = ConcurrentHashMap.newKeySet();
        List<Batch> batches = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int cycle = 0; cycle < CYCLES; cycle++) {
            try (ServeProcess serve = ServeProcess.run(Map.of("CORELINK_ACCESS_KEY_ID", KEY,
                    "CORELINK_SECRET_ACCESS_KEY", SECRET), "serve", "--data-dir", dataDir.toString(), "--port", "0",
                    "--data-plane-port", "0")) {
                URI endpoint = URI.create("http://127.0.0.1:" + serve.awaitListening(START));
                verify(endpoint, acknowledgedThings, batches);
                String core = "crash:core-" + cycle;
                try (IotClient iot = iot(endpoint)) {
                    iot.createThing(r -> r.thingName(core));
                }
                AtomicBoolean running = new AtomicBoolean(true);
                ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
                for (int w = 0; w < WRITERS; w++) {
                    String prefix = "crash-c" + cycle + "-w" + w + "-";
                    writers.submit(() -> write(endpoint, core, prefix, running, acknowledgedThings, batches));
                }
                Thread.sleep(1_500);
                serve.kill(); // SIGKILL, mid-write
                running.set(false);
                writers.shutdown();
                assertThat(writers.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
                serve.awaitExit(Duration.ofSeconds(30));
            }
        }
        try (ServeProcess serve = ServeProcess.run(Map.of("CORELINK_ACCESS_KEY_ID", KEY,
                "CORELINK_SECRET_ACCESS_KEY", SECRET), "serve", "--data-dir", dataDir.toString(), "--port", "0",
                "--data-plane-port", "0")) {
            verify(URI.create("http://127.0.0.1:" + serve.awaitListening(START)), acknowledgedThings, batches);
            serve.signal("TERM");
            assertThat(serve.awaitExit(Duration.ofSeconds(30))).isZero();
        }
        assertThat(acknowledgedThings.size()).as("the load wrote something").isGreaterThan(CYCLES * WRITERS);
        assertThat(batches.stream().filter(Batch::acknowledged).count()).isGreaterThan(CYCLES);
        try (Connection sqlite = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("corelink.db"));
             Statement statement = sqlite.createStatement();
             ResultSet result = statement.executeQuery("PRAGMA integrity_check")) {
            assertThat(result.next()).isTrue();
            assertThat(result.getString(1)).isEqualTo("ok");
        }
    }

    private static void write(URI endpoint, String core, String prefix, AtomicBoolean running,
                              Set<String> acknowledgedThings, List<Batch> batches) {
        try (IotClient iot = iot(endpoint); GreengrassV2Client greengrass = greengrass(endpoint)) {
            for (int n = 0; running.get() && n < 10_000; n++) {
                List<String> batch = new ArrayList<>();
                for (int k = 0; k < BATCH; k++) {
                    String name = prefix + n + "-" + k;
                    iot.createThing(r -> r.thingName(name).attributePayload(p -> p.attributes(Map.of("n",
                            name))));
                    acknowledgedThings.add(name);
                    batch.add(name);
                }
                boolean acknowledged = false;
                try {
                    greengrass.batchAssociateClientDeviceWithCoreDevice(r -> r.coreDeviceThingName(core)
                            .entries(batch.stream().map(t -> AssociateClientDeviceWithCoreDeviceEntry.builder()
                                    .thingName(t).build()).toList()));
                    acknowledged = true;
                } finally {
                    batches.add(new Batch(core, batch, acknowledged));
                }
            }
        } catch (RuntimeException e) {
            // The server was killed: what was not acknowledged may or may not be there.
        }
    }

    private static void verify(URI endpoint, Set<String> acknowledgedThings, List<Batch> batches) {
        List<Batch> sent;
        synchronized (batches) {
            sent = List.copyOf(batches);
        }
        try (IotClient iot = iot(endpoint); GreengrassV2Client greengrass = greengrass(endpoint)) {
            Map<String, String> stored = new java.util.HashMap<>();
            for (ThingAttribute thing : iot.listThingsPaginator(r -> r.maxResults(250)).things()) {
                stored.put(thing.thingName(), thing.attributes().get("n"));
            }
            assertThat(stored.keySet()).containsAll(acknowledgedThings);
            stored.forEach((name, attribute) -> {
                if (!name.startsWith("crash:core")) {
                    assertThat(attribute).as("a thing is whole: its attributes came with it").isEqualTo(name);
                }
            });
            Map<String, Set<String>> associated = new java.util.HashMap<>();
            for (String core : sent.stream().map(Batch::core).collect(Collectors.toSet())) {
                associated.put(core, greengrass.listClientDevicesAssociatedWithCoreDevicePaginator(r -> r
                                .coreDeviceThingName(core).maxResults(100)).associatedClientDevices().stream()
                        .map(AssociatedClientDevice::thingName).collect(Collectors.toCollection(HashSet::new)));
            }
            for (Batch batch : sent) {
                long present = batch.things().stream().filter(associated.get(batch.core())::contains).count();
                if (batch.acknowledged()) {
                    assertThat(present).as("an acknowledged batch is there whole").isEqualTo(BATCH);
                } else {
                    assertThat(present).as("a batch is applied whole or not at all").isIn(0L, (long) BATCH);
                }
            }
        }
    }

    private static ClientOverrideConfiguration noRetries() {
        return ClientOverrideConfiguration.builder().retryPolicy(RetryPolicy.none())
                .apiCallTimeout(Duration.ofSeconds(20)).build();
    }

    private static IotClient iot(URI endpoint) {
        return IotClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(() -> AwsBasicCredentials.create(KEY, SECRET)).overrideConfiguration(noRetries())
                .httpClient(ApacheHttpClient.create()).build();
    }

    private static GreengrassV2Client greengrass(URI endpoint) {
        return GreengrassV2Client.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(() -> AwsBasicCredentials.create(KEY, SECRET)).overrideConfiguration(noRetries())
                .httpClient(ApacheHttpClient.create()).build();
    }
}
