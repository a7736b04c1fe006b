package io.corelink.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.corelink.testing.TestPostgres;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.retry.RetryPolicy;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.greengrassv2.GreengrassV2Client;
import software.amazon.awssdk.services.greengrassv2.model.AssociatedClientDevice;
import software.amazon.awssdk.services.iot.IotClient;

/**
 * Defect 1 of the robustness issue: two nodes on one PostgreSQL, 16 clients on each, associating and disassociating
 * client devices of three shared core devices for {@code corelink.contention.seconds} (default 30): not one error
 * (the SDKs' retries are off, so a 500 would show), and the final state is the one some serial order gives — each
 * client device is driven by one worker only, so its last acknowledged call decides whether it is associated.
 */
class AssociationContentionTest {
    private static final String KEY = "AKIACONTENTIONTEST01";
    private static final String SECRET = "contention-secret-00000000000000000000000";
    private static final List<String> CORES = List.of("busy:core-a", "busy:core-b", "busy:core-c");
    private static final int WORKERS_PER_NODE = 16;
    private static final int DEVICES_PER_WORKER = 6;

    @TempDir
    Path dirs;

    private CorelinkServer node(String url, String name) {
        return CorelinkServer.start(new ServerConfig(dirs.resolve(name), "127.0.0.1", 0, List.of(0), List.of(),
                        new io.corelink.domain.Account("us-east-1", "000000000000"), url, "postgres", null, KEY,
                        SECRET), Clock.systemUTC(), new PrintStream(OutputStream.nullOutputStream()));
    }

    private static GreengrassV2Client greengrass(CorelinkServer node) {
        return GreengrassV2Client.builder().endpointOverride(URI.create("http://127.0.0.1:" + node.controlPlanePort()))
                .region(Region.US_EAST_1).credentialsProvider(() -> AwsBasicCredentials.create(KEY, SECRET))
                .overrideConfiguration(ClientOverrideConfiguration.builder().retryPolicy(RetryPolicy.none()).build())
                .httpClient(ApacheHttpClient.create()).build();
    }

    /** What one worker last did to each (core, device) pair it drives: true for associated. */
    private record Outcome(Map<String, Boolean> lastState, int calls) {
    }

    @Test
    void mixedAssociationsOnFewCores_fromBothNodes_endWithoutErrors_inASerialState() throws Exception {
        String url = TestPostgres.newDatabase();
        CorelinkServer nodeA = node(url, "a");
        CorelinkServer nodeB = node(url, "b");
        int workers = 2 * WORKERS_PER_NODE;
        try {
            try (IotClient iot = IotClient.builder().endpointOverride(URI.create("http://127.0.0.1:"
                            + nodeA.controlPlanePort())).region(Region.US_EAST_1)
                    .credentialsProvider(() -> AwsBasicCredentials.create(KEY, SECRET))
                    .httpClient(ApacheHttpClient.create()).build()) {
                CORES.forEach(core -> iot.createThing(r -> r.thingName(core)));
                for (int w = 0; w < workers; w++) {
                    for (int d = 0; d < DEVICES_PER_WORKER; d++) {
                        String name = device(w, d);
                        iot.createThing(r -> r.thingName(name));
                    }
                }
            }
            long seconds = Long.getLong("corelink.contention.seconds", 30);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            ExecutorService pool = Executors.newFixedThreadPool(workers);
            Queue<String> failures = new ConcurrentLinkedQueue<>();
            List<Future<Outcome>> futures = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                int worker = w;
                CorelinkServer node = w % 2 == 0 ? nodeA : nodeB;
                futures.add(pool.submit(() -> drive(node, worker, deadline, failures)));
            }
            Map<String, Boolean> expected = new HashMap<>();
            int calls = 0;
            for (Future<Outcome> future : futures) {
                Outcome outcome = future.get(seconds + 120, TimeUnit.SECONDS);
                expected.putAll(outcome.lastState());
                calls += outcome.calls();
            }
            pool.shutdown();
            assertThat(failures).as("errors among " + calls + " calls").isEmpty();
            assertThat(calls).isGreaterThan(workers);
            try (GreengrassV2Client a = greengrass(nodeA); GreengrassV2Client b = greengrass(nodeB)) {
                for (String core : CORES) {
                    Set<String> wanted = new TreeSet<>();
                    expected.forEach((pair, associated) -> {
                        if (associated && pair.startsWith(core + " ")) {
                            wanted.add(pair.substring(core.length() + 1));
                        }
                    });
                    for (GreengrassV2Client client : List.of(a, b)) {
                        List<String> listed = client.listClientDevicesAssociatedWithCoreDevicePaginator(r -> r
                                        .coreDeviceThingName(core).maxResults(50)).associatedClientDevices().stream()
                                .map(AssociatedClientDevice::thingName).toList();
                        assertThat(listed).as(core).doesNotHaveDuplicates().containsExactlyElementsOf(wanted);
                    }
                }
            }
        } finally {
            nodeA.close();
            nodeB.close();
        }
    }

    private static String device(int worker, int index) {
        return "busy-w" + (worker < 10 ? "0" : "") + worker + "-d" + index;
    }

    /** Associates and disassociates random subsets of the worker's own devices with random cores until the deadline. */
    private static Outcome drive(CorelinkServer node, int worker, long deadline, Queue<String> failures) {
        Random random = new Random(worker);
        Map<String, Boolean> state = new HashMap<>();
        int calls = 0;
        try (GreengrassV2Client client = greengrass(node)) {
            while (System.nanoTime() < deadline) {
                String core = CORES.get(random.nextInt(CORES.size()));
                List<String> devices = new ArrayList<>();
                for (int d = 0; d < DEVICES_PER_WORKER; d++) {
                    if (random.nextBoolean()) {
                        devices.add(device(worker, d));
                    }
                }
                if (devices.isEmpty()) {
                    continue;
                }
                boolean associate = random.nextBoolean();
                calls++;
                try {
                    List<String> errors = associate
                            ? client.batchAssociateClientDeviceWithCoreDevice(r -> r.coreDeviceThingName(core)
                                    .entries(devices.stream().map(n -> software.amazon.awssdk.services.greengrassv2
                                            .model.AssociateClientDeviceWithCoreDeviceEntry.builder().thingName(n)
                                            .build()).toList())).errorEntries().stream().map(Object::toString).toList()
                            : client.batchDisassociateClientDeviceFromCoreDevice(r -> r.coreDeviceThingName(core)
                                    .entries(devices.stream().map(n -> software.amazon.awssdk.services.greengrassv2
                                            .model.DisassociateClientDeviceFromCoreDeviceEntry.builder().thingName(n)
                                            .build()).toList())).errorEntries().stream().map(Object::toString).toList();
                    failures.addAll(errors);
                    devices.forEach(d -> state.put(core + " " + d, associate));
                } catch (RuntimeException e) {
                    failures.add(e.toString());
                    // Unknown outcome: this pair's final state can no longer be predicted.
                    devices.forEach(d -> state.remove(core + " " + d));
                }
            }
        }
        return new Outcome(state, calls);
    }
}
