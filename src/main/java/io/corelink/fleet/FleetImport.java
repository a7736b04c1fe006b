package io.corelink.fleet;

import io.corelink.domain.thing.ThingName;
import io.corelink.pki.KeyAlgorithm;
import io.corelink.pki.Pem;
import io.corelink.pki.SigningRequest;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.cert.CertificateEncodingException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
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
 * <p>For each row: the thing (created unless it is there with those attributes), its certificate, the policy on
 * that certificate, and its association with the core device, the associations gathered into BatchAssociate calls
 * of 100 entries per core. Idempotent: what is there is read first (the things and, per core, its client devices,
 * once; per row, the thing's principals and the certificate's policies) and nothing is made twice.
 *
 * <p>Resumable after a kill at any point. A generated key is written (0600) before its certificate is requested, and a
 * {@code .cert.pending} file marks the request until the certificate is written: a rerun that finds one looks among
 * the certificates made since for the one with that key before asking for another, so an interrupted import leaves
 * no orphan certificate behind.
 *
 * <p>A row that fails (its AWS error) fails alone; what it made is kept. No answer from the server ends the import
 * with a {@link FleetException}; a rerun resumes it.
 */
public final class FleetImport {
    /** How long before the server's clock, as last seen, a pending request may have been made (Date has whole seconds). */
    private static final Duration CLOCK_MARGIN = Duration.ofSeconds(2);

    private final FleetApi api;
    private final DeviceFiles files;
    private final KeyAlgorithm keyAlgorithm;
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
        this.files = files;
        this.keyAlgorithm = keyAlgorithm;
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
                associated.put(core, api.associatedClientDevices(core));
                if (!things.containsKey(core)) {
                    try {
                        ThingName.of(core);
                        api.createThing(core, Map.of());
                        things.put(core, Map.of());
                    } catch (FleetApi.AwsError | io.corelink.domain.error.InvalidValueException e) {
                        brokenCores.put(core, "core device " + core + ": " + e.getMessage());
                    }
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
            for (int i = 0; i < rows.size(); i++) {
                int index = i;
                work.add(workers.submit(() -> {
                    if (stopped.get() != null) {
                        return;
                    }
                    try {
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
                    } catch (FleetException e) {
                        stopped.compareAndSet(null, e);
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
            CertificateStep certificate = certificate(row, created);
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
            return new RowResult(row, Outcome.FAILED, row.certificate() + ": " + e.getMessage());
        }
    }

    /** The certificates of the row (their ARNs) and whether the row made or attached one. */
    private record CertificateStep(List<String> arns, boolean created) {
    }

    private CertificateStep certificate(ImportRow row, boolean thingIsNew) {
        String thing = row.thingName();
        Set<String> principals = thingIsNew ? Set.of() : api.thingPrincipals(thing);
        java.nio.file.Path certificateFile = files.certificate(thing);
        String given = row.certificate();
        String request = null;
        if (!given.equals(ImportRow.GENERATE)) {
            String pem = files.read(java.nio.file.Path.of(given)).orElseThrow(() ->
                    new IllegalArgumentException("no such file"));
            if (!pem.contains("CERTIFICATE REQUEST-----")) {
                if (!pem.contains("-----BEGIN CERTIFICATE-----")) {
                    throw new IllegalArgumentException("neither a PEM certificate nor a PEM certificate signing "
                            + "request");
                }
                return attached(thing, principals, pem);
            }
            request = pem;
        }
        // A generated key or a CSR: the certificate the server signs is written under --out.
        java.util.Optional<String> written = files.read(certificateFile);
        if (written.isPresent()) {
            return attached(thing, principals, written.get());
        }
        java.nio.file.Path keyFile = files.privateKey(thing);
        boolean begun = request == null ? java.nio.file.Files.exists(keyFile)
                : java.nio.file.Files.exists(files.pending(thing));
        if (!begun && !principals.isEmpty()) {
            // The thing has a certificate that did not come from here: it keeps it, and gets no second one.
            return new CertificateStep(List.copyOf(principals), false);
        }
        if (request != null) {
            return fromRequest(thing, principals, certificateFile, SigningRequest.parse(request).publicKey(), request);
        }
        KeyPair keys;
        if (begun) {
            keys = files.readKeyPair(keyFile);
        } else {
            keys = keyAlgorithm.generate();
            files.write(keyFile, Pem.writeKeyPair(keys));
        }
        return fromRequest(thing, principals, certificateFile, keys.getPublic(),
                SigningRequest.create(keys, keyAlgorithm, thing));
    }

    /** A certificate for the request's key: the one an interrupted run already got, else a new one. */
    private CertificateStep fromRequest(String thing, Set<String> principals, java.nio.file.Path certificateFile,
                                        PublicKey key, String request) {
        java.nio.file.Path pending = files.pending(thing);
        String recovered = files.read(pending).map(bound -> madeSince(key, Instant.ofEpochMilli(
                Long.parseLong(bound.strip())))).orElse(null);
        String pem;
        if (recovered != null) {
            pem = recovered;
        } else {
            files.write(pending, Long.toString(api.client().serverNow().minus(CLOCK_MARGIN).toEpochMilli()));
            pem = api.createCertificateFromCsr(request).certificatePem();
        }
        files.write(certificateFile, pem);
        files.delete(pending);
        return attached(thing, principals, pem);
    }

    /** The PEM of the certificate for {@code key} made at or after {@code since}, or null. */
    private @Nullable String madeSince(PublicKey key, Instant since) {
        AtomicReference<String> found = new AtomicReference<>();
        double sinceSeconds = since.toEpochMilli() / 1000.0;
        api.certificatesNewestFirst((id, created) -> {
            if (created < sinceSeconds) {
                return false;
            }
            FleetApi.CertificateDescription description = api.describeCertificate(id);
            if (description != null && Arrays.equals(Pem.certificate(description.certificatePem()).getPublicKey()
                    .getEncoded(), key.getEncoded())) {
                found.set(description.certificatePem());
                return false;
            }
            return true;
        });
        return found.get();
    }

    /** The certificate registered (ACTIVE, unless it is there already) and attached to the thing. */
    private CertificateStep attached(String thing, Set<String> principals, String pem) {
        String id = certificateId(pem);
        for (String arn : principals) {
            if (arn.endsWith("/" + id)) {
                return new CertificateStep(List.of(arn), false);
            }
        }
        String arn = api.registerCertificate(pem);
        if (arn == null) {
            FleetApi.CertificateDescription description = api.describeCertificate(id);
            if (description == null) {
                throw new IllegalArgumentException("the certificate is neither registered nor registrable");
            }
            arn = description.certificateArn();
        }
        api.attachThingPrincipal(thing, arn);
        return new CertificateStep(List.of(arn), true);
    }

    /** As AWS IoT and the Greengrass client-device auth component name a certificate: SHA-256 of its DER, hex. */
    static String certificateId(String pem) {
        try {
            byte[] der = Pem.certificate(pem).getEncoded();
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(der));
        } catch (CertificateEncodingException | NoSuchAlgorithmException | RuntimeException e) {
            throw new IllegalArgumentException("not a PEM X.509 certificate");
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
