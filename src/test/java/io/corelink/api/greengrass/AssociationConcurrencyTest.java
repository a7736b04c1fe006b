package io.corelink.api.greengrass;

import static org.assertj.core.api.Assertions.assertThat;

import io.corelink.testing.TestServer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.greengrassv2.GreengrassV2Client;
import software.amazon.awssdk.services.greengrassv2.model.AssociatedClientDevice;
import software.amazon.awssdk.services.greengrassv2.model.ListClientDevicesAssociatedWithCoreDeviceResponse;
import software.amazon.awssdk.services.iot.IotClient;

/**
 * Many real clients associating and disassociating overlapping sets on one core device, while others list it: no
 * request fails, every batch becomes visible whole, listings never repeat or miss a device that stayed associated,
 * and the final state is one that some serial order of the requests produces.
 */
class AssociationConcurrencyTest {
    private static final String CORE = "core:busy";
    private static final int WRITERS = 4;
    private static final int REQUESTS_PER_WRITER = 50;

    private record Op(Set<String> names, boolean associate, long start, long end) {
    }

    @Test
    void concurrentBatches_serialise_andConcurrentListingsStayConsistent() throws Exception {
        List<String> stable = names("stable", 20);
        List<String> contested = names("contested", 40);
        List<String> group = names("group", 20);
        try (TestServer server = TestServer.start(); IotClient iot = server.iot()) {
            iot.createThing(r -> r.thingName(CORE));
            for (String name : concat(stable, contested, group)) {
                iot.createThing(r -> r.thingName(name));
            }
            try (GreengrassV2Client setup = server.greengrass()) {
                assertThat(call(setup, true, stable)).isTrue();
            }

            ExecutorService pool = Executors.newFixedThreadPool(WRITERS + 4);
            AtomicBoolean writing = new AtomicBoolean(true);
            List<Op> ops = Collections.synchronizedList(new ArrayList<>());
            List<Future<?>> writers = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                long seed = 42L + w;
                writers.add(pool.submit(() -> {
                    Random random = new Random(seed);
                    try (GreengrassV2Client client = server.greengrass()) {
                        for (int i = 0; i < REQUESTS_PER_WRITER; i++) {
                            List<String> shuffled = new ArrayList<>(contested);
                            Collections.shuffle(shuffled, random);
                            Set<String> chosen = new HashSet<>(shuffled.subList(0, 1 + random.nextInt(20)));
                            boolean associate = random.nextBoolean();
                            long start = System.nanoTime();
                            assertThat(call(client, associate, new ArrayList<>(chosen))).isTrue();
                            ops.add(new Op(chosen, associate, start, System.nanoTime()));
                        }
                    }
                    return null;
                }));
            }
            Future<?> toggler = pool.submit(() -> {
                try (GreengrassV2Client client = server.greengrass()) {
                    for (int i = 0; writing.get() && i < 200; i++) {
                        assertThat(call(client, i % 2 == 0, group)).isTrue();
                    }
                }
                return null;
            });
            List<Future<Integer>> listers = new ArrayList<>();
            for (int l = 0; l < 2; l++) {
                listers.add(pool.submit(() -> checkPagedListings(server, writing, stable, contested, group)));
            }
            Future<Integer> snapshots = pool.submit(() -> checkWholeBatches(server, writing, group));

            for (Future<?> writer : writers) {
                writer.get(5, TimeUnit.MINUTES);
            }
            writing.set(false);
            toggler.get(1, TimeUnit.MINUTES);
            for (Future<Integer> lister : listers) {
                assertThat(lister.get(1, TimeUnit.MINUTES)).as("complete listings checked").isPositive();
            }
            assertThat(snapshots.get(1, TimeUnit.MINUTES)).as("snapshots checked").isPositive();
            pool.shutdown();

            Set<String> finalState;
            try (GreengrassV2Client client = server.greengrass()) {
                finalState = new HashSet<>(listAll(client, 100));
            }
            assertThat(finalState).containsAll(stable);
            assertThat(ops).hasSize(WRITERS * REQUESTS_PER_WRITER);
            for (String name : contested) {
                assertThat(possibleFinalStates(name, ops)).as(name).contains(finalState.contains(name));
            }
        }
    }

    /** The states that a serial order consistent with real time can leave {@code name} in. */
    private static Set<Boolean> possibleFinalStates(String name, List<Op> ops) {
        List<Op> touching = ops.stream().filter(op -> op.names().contains(name)).toList();
        Set<Boolean> states = new HashSet<>();
        if (touching.isEmpty()) {
            states.add(false);
        }
        for (Op candidate : touching) {
            boolean followedForSure = touching.stream().anyMatch(other -> other.start() > candidate.end());
            if (!followedForSure) {
                states.add(candidate.associate());
            }
        }
        return states;
    }

    private static int checkPagedListings(TestServer server, AtomicBoolean writing, List<String> stable,
                                          List<String> contested, List<String> group) {
        Set<String> known = new HashSet<>(concat(stable, contested, group));
        int listings = 0;
        try (GreengrassV2Client client = server.greengrass()) {
            while (writing.get() || listings == 0) {
                List<String> listed = listAll(client, 7);
                assertThat(listed).doesNotHaveDuplicates().isSorted().containsAll(stable);
                assertThat(known).containsAll(listed);
                listings++;
            }
        }
        return listings;
    }

    private static int checkWholeBatches(TestServer server, AtomicBoolean writing, List<String> group) {
        int snapshots = 0;
        try (GreengrassV2Client client = server.greengrass()) {
            while (writing.get() || snapshots == 0) {
                List<String> page = client.listClientDevicesAssociatedWithCoreDevice(r -> r.coreDeviceThingName(CORE))
                        .associatedClientDevices().stream().map(AssociatedClientDevice::thingName).toList();
                long fromGroup = page.stream().filter(group::contains).count();
                assertThat(fromGroup).as("a batch is visible whole or not at all").isIn(0L, (long) group.size());
                snapshots++;
            }
        }
        return snapshots;
    }

    private static List<String> listAll(GreengrassV2Client client, int pageSize) {
        List<String> names = new ArrayList<>();
        String token = null;
        do {
            String current = token;
            ListClientDevicesAssociatedWithCoreDeviceResponse page = client.listClientDevicesAssociatedWithCoreDevice(
                    r -> r.coreDeviceThingName(CORE).maxResults(pageSize).nextToken(current));
            page.associatedClientDevices().forEach(d -> names.add(d.thingName()));
            token = page.nextToken();
        } while (token != null);
        return names;
    }

    /** Sends one batch; true when no entry failed. */
    private static boolean call(GreengrassV2Client client, boolean associate, List<String> names) {
        if (associate) {
            return client.batchAssociateClientDeviceWithCoreDevice(r -> r.coreDeviceThingName(CORE)
                    .entries(names.stream().map(n -> software.amazon.awssdk.services.greengrassv2.model
                            .AssociateClientDeviceWithCoreDeviceEntry.builder().thingName(n).build()).toList()))
                    .errorEntries().isEmpty();
        }
        return client.batchDisassociateClientDeviceFromCoreDevice(r -> r.coreDeviceThingName(CORE)
                .entries(names.stream().map(n -> software.amazon.awssdk.services.greengrassv2.model
                        .DisassociateClientDeviceFromCoreDeviceEntry.builder().thingName(n).build()).toList()))
                .errorEntries().isEmpty();
    }

    private static List<String> names(String prefix, int count) {
        return IntStream.range(0, count).mapToObj(i -> String.format("%s-%02d", prefix, i)).toList();
    }

    @SafeVarargs
    private static List<String> concat(List<String>... lists) {
        List<String> all = new ArrayList<>();
        for (List<String> list : lists) {
            all.addAll(list);
        }
        return all;
    }
}
