package io.corelink.fleet;

import io.corelink.domain.thing.ThingName;
import io.corelink.pki.KeyAlgorithm;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * {@code corelink import}: brings about the client devices of an import file (operations.md §5) through the public
 * API, as a careful script would, {@code concurrency} rows at a time.
 *
 * <p>For each row: the thing (created unless it is there with those attributes), its certificate
 * ({@link DeviceCertificates}), the policy on that certificate, and its association with the core device, the
 * associations gathered into BatchAssociate calls of 100 entries per core. Idempotent and resumable: what is there is
 * read first (the things and, per core, its client devices, once; per row, the thing's principals and the
 * certificate's policies) and nothing is made twice.
 *
 * <p>A row that fails (its AWS error) fails alone; what it made is kept. No answer from the server ends the import
 * with a {@link FleetException}; a rerun resumes it.
 */
public final class FleetImport {
    private final FleetApi api;
    private final DeviceCertificates certificates;
    private final int concurrency;

    /** What became of a row. */
    public enum Outcome { CREATED, ALREADY_THERE, FAILED }

    /** A row's outcome; {@code error} is the AWS error (or the row's problem) of a failed row. */
    public record RowResult(ImportRow row, Outcome outcome, @Nullable String error) {
    }

    /** Every row's result, in file order. */
    public record Summary(List<RowResult> results) {
        public long count(Outcome outcome) {
            return results.stream().filter(r -> r.outcome() == outcome).count();
        }

        public List<RowResult> failures() {
            return results.stream().filter(r -> r.outcome() == Outcome.FAILED).toList();
        }
    }

    public FleetImport(FleetApi api, DeviceFiles files, KeyAlgorithm keyAlgorithm, int concurrency) {
        this.api = api;
        this.certificates = new DeviceCertificates(api, files, keyAlgorithm);
        this.concurrency = concurrency;
    }

    /**
     * Imports the rows; {@code progress} is stepped once per row.
     *
     * @throws FleetException when the server stops answering (what was done is kept; a rerun resumes)
     */
    public Summary run(List<ImportRow> rows, ImportProgress progress) {
        Map<String, Map<String, String>> things = new ConcurrentHashMap<>(api.things());
        Map<String, Set<String>> associated = new HashMap<>();
        Map<String, String> brokenCores = new HashMap<>();
        for (ImportRow row : rows) {
            String core = row.coreDeviceThingName();
            if (row.problem() == null && core != null && !associated.containsKey(core)) {
                associated.put(core, Set.of());
                try {
                    ThingName.of(core);
                    associated.put(core, api.associatedClientDevices(core));
                    if (!things.containsKey(core)) {
                        api.createThing(core, Map.of());
                        things.put(core, Map.of());
                    }
                } catch (FleetApi.AwsError | io.corelink.domain.error.InvalidValueException e) {
                    // Its rows fail with this; the rows of other cores go on.
                    brokenCores.put(core, "core device " + core + ": " + e.getMessage());
                }
            }
        }
        RowResult[] results = new RowResult[rows.size()];
        AtomicReference<FleetException> stopped = new AtomicReference<>();
        ExecutorService workers = Executors.newFixedThreadPool(Math.max(1, concurrency), runnable -> {
            Thread thread = new Thread(runnable, "corelink-import");
            thread.setDaemon(true);
            return thread;
        });
        Batches batches = new Batches(rows, workers, results, progress, stopped);
        try {
            List<Future<?>> work = new ArrayList<>(rows.size());
            // Rows are handed over a few at a time, so that a full batch of associations, queued behind them on the
            // same workers, goes out within a few rows, not after the whole file (and progress moves as it does).
            java.util.concurrent.Semaphore ahead = new java.util.concurrent.Semaphore(2 * Math.max(1, concurrency));
            for (int i = 0; i < rows.size(); i++) {
                int index = i;
                acquire(ahead);
                work.add(workers.submit(() -> {
                    try {
                        if (stopped.get() == null) {
                            importRow(rows, index, things, associated, brokenCores, batches, results, progress);
                        }
                    } catch (FleetException e) {
                        stopped.compareAndSet(null, e);
                    } finally {
                        ahead.release();
                    }
                }));
            }
            awaitAll(work);
            batches.flush();
            batches.await();
        } finally {
            workers.shutdownNow();
        }
        FleetException failure = stopped.get();
        if (failure != null) {
            throw new FleetException(failure.getMessage() + "; what was done is kept: run the same command again "
                    + "to resume");
        }
        return new Summary(Arrays.asList(results));
    }

    /** One row, its association left to the batches when it needs one. */
    private void importRow(List<ImportRow> rows, int index, Map<String, Map<String, String>> things,
                           Map<String, Set<String>> associated, Map<String, String> brokenCores, Batches batches,
                           RowResult[] results, ImportProgress progress) {
        ImportRow row = rows.get(index);
        RowResult result = importRow(row, things, brokenCores);
        String core = row.coreDeviceThingName();
        if (result.outcome() != Outcome.FAILED && core != null
                && !associated.getOrDefault(core, Set.of()).contains(row.thingName())) {
            batches.add(core, index);
            return;
        }
        results[index] = result;
        progress.step();
    }

    private static void acquire(java.util.concurrent.Semaphore permits) {
        try {
            permits.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FleetException("interrupted");
        }
    }

    /** The row up to its association: FAILED, or its outcome so far. */
    private RowResult importRow(ImportRow row, Map<String, Map<String, String>> things,
                                Map<String, String> brokenCores) {
        if (row.problem() != null) {
            return new RowResult(row, Outcome.FAILED, row.problem());
        }
        try {
            ThingName.of(row.thingName());
            boolean created = false;
            Map<String, String> existing = things.get(row.thingName());
            if (existing == null || !existing.equals(row.attributes())) {
                // Also when it exists with other attributes: CreateThing then answers AWS's conflict.
                api.createThing(row.thingName(), row.attributes());
                created = existing == null;
                things.put(row.thingName(), row.attributes());
            }
            DeviceCertificates.Step certificate = certificates.certificate(row.thingName(), row.certificate(),
                    "ACTIVE", created ? Set.of() : api.thingPrincipals(row.thingName()));
            created |= certificate.created();
            String policy = row.policy();
            if (policy != null) {
                for (String arn : certificate.arns()) {
                    if (certificate.created() || !api.attachedPolicies(arn).contains(policy)) {
                        api.attachPolicy(policy, arn);
                        created = true;
                    }
                }
            }
            String core = row.coreDeviceThingName();
            String broken = core == null ? null : brokenCores.get(core);
            if (broken != null) {
                return new RowResult(row, Outcome.FAILED, broken);
            }
            return new RowResult(row, created ? Outcome.CREATED : Outcome.ALREADY_THERE, null);
        } catch (FleetApi.AwsError | io.corelink.domain.error.InvalidValueException e) {
            return new RowResult(row, Outcome.FAILED, e.getMessage());
        } catch (IllegalArgumentException e) {
            return new RowResult(row, Outcome.FAILED, e.getMessage());
        }
    }

    private static void awaitAll(List<Future<?>> work) {
        for (Future<?> future : work) {
            try {
                future.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new FleetException("interrupted");
            } catch (ExecutionException e) {
                Throwable cause = e.getCause() == null ? e : e.getCause();
                org.slf4j.LoggerFactory.getLogger(FleetImport.class).debug("import worker failed", cause);
                throw new FleetException("the import failed unexpectedly (" + cause.getClass().getSimpleName()
                        + "); run again with CORELINK_LOG_LEVEL=DEBUG for details");
            }
        }
    }

    /**
     * The associations still to make, gathered per core device into BatchAssociate calls of 100 entries, each sent
     * as soon as it is full (the rest by {@link #flush}).
     */
    private final class Batches {
        private final List<ImportRow> rows;
        private final ExecutorService workers;
        private final RowResult[] results;
        private final ImportProgress progress;
        private final AtomicReference<FleetException> stopped;
        private final Map<String, List<Integer>> open = new HashMap<>();
        private final List<Future<?>> sent = new ArrayList<>();

        Batches(List<ImportRow> rows, ExecutorService workers, RowResult[] results, ImportProgress progress,
                AtomicReference<FleetException> stopped) {
            this.rows = rows;
            this.workers = workers;
            this.results = results;
            this.progress = progress;
            this.stopped = stopped;
        }

        synchronized void add(String core, int index) {
            List<Integer> batch = open.computeIfAbsent(core, c -> new ArrayList<>());
            batch.add(index);
            if (batch.size() == FleetApi.BATCH) {
                open.remove(core);
                send(core, batch);
            }
        }

        synchronized void flush() {
            open.forEach(this::send);
            open.clear();
        }

        void await() {
            List<Future<?>> all;
            synchronized (this) {
                all = List.copyOf(sent);
            }
            awaitAll(all);
        }

        private void send(String core, List<Integer> batch) {
            sent.add(workers.submit(() -> {
                if (stopped.get() != null) {
                    return;
                }
                List<String> names = new ArrayList<>(batch.size());
                batch.forEach(index -> names.add(row(index).thingName()));
                Map<String, String> failed;
                try {
                    failed = api.associate(core, names);
                } catch (FleetApi.AwsError e) {
                    failed = new HashMap<>();
                    for (String name : names) {
                        failed.put(name, e.getMessage());
                    }
                } catch (FleetException e) {
                    stopped.compareAndSet(null, e);
                    return;
                }
                for (int index : batch) {
                    ImportRow row = row(index);
                    String error = failed.get(row.thingName());
                    results[index] = error == null ? new RowResult(row, Outcome.CREATED, null)
                            : new RowResult(row, Outcome.FAILED, error);
                    progress.step();
                }
            }));
        }

        private ImportRow row(int index) {
            return rows.get(index);
        }
    }
}
