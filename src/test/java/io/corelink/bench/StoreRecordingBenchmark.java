package io.corelink.bench;

import io.corelink.domain.audit.AuditRecord;
import io.corelink.domain.thing.ThingName;
import io.corelink.service.AssociationService;
import io.corelink.store.AuditScope;
import io.corelink.store.jdbc.JdbcStore;
import io.corelink.store.jdbc.SqliteStore;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * What recording costs the store alone: {@link AssociationService#associate} of 100 fresh names on one thread, in
 * this process, on a SQLite store that appends the change's event and audit record against one that appends neither;
 * CPU time of the calling thread (user and system: SQLite, LZ4 and the WAL's writes run on it). No HTTP, no other
 * thread, no load driver: a low-noise view of the store's part of the recording rows, to tell a change to the store's
 * write path from the machine's noise (the wall-clock rows move by ±0.03 from run to run).
 */
final class StoreRecordingBenchmark {
    private static final int BATCH = 100;

    private StoreRecordingBenchmark() {
    }

    /** CPU microseconds per batch, {@code [recording, not recording]}, over the second half of {@code batches}. */
    static double[] cpuPerBatch(int batches) throws Exception {
        Path dir = BenchTemp.directory("corelink-bench-store-recording");
        List<String> names = AssociationBenchmark.names("s", batches * BATCH);
        List<String> all = new ArrayList<>(names);
        all.add("store-core");
        JdbcStore[] stores = new JdbcStore[2];
        AssociationService[] services = new AssociationService[2];
        try {
            for (int side = 0; side < 2; side++) {
                Path file = dir.resolve(side == 0 ? "on.db" : "off.db");
                stores[side] = (JdbcStore) SqliteStore.open(file);
                stores[side].recordChangeEvents(side == 0);
                try (Connection jdbc = DriverManager.getConnection("jdbc:sqlite:" + file)) {
                    AssociationBenchmark.configure(jdbc);
                    AssociationBenchmark.insertThings(jdbc, all);
                }
                services[side] = new AssociationService(stores[side], Clock.systemUTC());
            }
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            ThingName core = ThingName.of("store-core");
            long[] cpu = new long[2];
            for (int b = 0; b < batches; b++) {
                List<String> slice = names.subList(b * BATCH, (b + 1) * BATCH);
                String parameters = parameters(slice);
                for (int turn = 0; turn < 2; turn++) {
                    int side = (b + turn) % 2; // each side goes first every other batch
                    long before = threads.getCurrentThreadCpuTime();
                    if (side == 0) {
                        AuditRecord record = record(parameters);
                        try (AuditScope scope = AuditScope.open(() -> record)) {
                            services[side].associate(core, slice);
                        }
                    } else {
                        services[side].associate(core, slice);
                    }
                    if (b >= batches / 2) {
                        cpu[side] += threads.getCurrentThreadCpuTime() - before;
                    }
                }
            }
            double measured = batches - batches / 2;
            return new double[] {cpu[0] / 1e3 / measured, cpu[1] / 1e3 / measured};
        } finally {
            for (JdbcStore store : stores) {
                if (store != null) {
                    store.close();
                }
            }
        }
    }

    /** The batch's request parameters as the audit stage keeps them (the body spliced in as it came). */
    private static String parameters(List<String> slice) {
        StringBuilder json = new StringBuilder("{\"coreDeviceThingName\":\"store-core\",\"entries\":[");
        for (int i = 0; i < slice.size(); i++) {
            json.append(i == 0 ? "" : ",").append("{\"thingName\":\"").append(slice.get(i)).append("\"}");
        }
        return json.append("]}").toString();
    }

    /** A record as the audit stage makes it for the account's root calling through the Java SDK. */
    private static AuditRecord record(String parameters) {
        return new AuditRecord(0, UUID.randomUUID().toString(), Instant.now(), "greengrass.amazonaws.com",
                "BatchAssociateClientDeviceWithCoreDevice", "AKIAIOSFODNN7EXAMPLE", "arn:aws:iam::000000000000:root",
                "{\"type\":\"Root\",\"principalId\":\"000000000000\",\"arn\":\"arn:aws:iam::000000000000:root\","
                        + "\"accountId\":\"000000000000\",\"accessKeyId\":\"AKIAIOSFODNN7EXAMPLE\"}",
                "127.0.0.1", "aws-sdk-java/2.40.2 ua/2.1 os/Linux#6.1 lang/java#17 md/internal",
                UUID.randomUUID().toString(), false, null, null, parameters);
    }
}
