package io.corelink.fleet;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/**
 * {@code corelink export} (operations.md §5): the server's state as a {@link Fixture} that {@code apply} brings about
 * again on an empty server. Read through the public API (and Corelink's read of a core's CA certificates, which AWS
 * has no operation for), {@code concurrency} things at a time; everything in name order, so that two exports of the
 * same state are the same text.
 *
 * <p>Every thing, with its attributes, its certificates as PEM text (with their status when not {@code ACTIVE}) and
 * the policies attached to any of them; every policy's default version; every core device with its connectivity, CA
 * certificates and client devices. Not exported: certificates attached to no thing, older policy versions, tags.
 */
public final class FleetExport {
    private final FleetApi api;
    private final int concurrency;

    public FleetExport(FleetApi api, int concurrency) {
        this.api = api;
        this.concurrency = concurrency;
    }

    /** @throws FleetException when the server refuses a read or does not answer */
    public Fixture export() {
        ExecutorService workers = Executors.newFixedThreadPool(Math.max(1, concurrency), runnable -> {
            Thread thread = new Thread(runnable, "corelink-export");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Fixture.Policy> policies = inParallel(workers, new ArrayList<>(new TreeSet<>(api.policyNames())),
                    name -> new Fixture.Policy(name, java.util.Objects.requireNonNullElse(api.policyDocument(name),
                            "{}")));
            Map<String, Map<String, String>> things = api.things();
            List<Fixture.Thing> exported = inParallel(workers, new ArrayList<>(things.keySet()),
                    name -> thing(name, things.getOrDefault(name, Map.of())));
            List<Fixture.CoreDevice> cores = inParallel(workers, new ArrayList<>(new TreeSet<>(
                    api.coreDeviceNames())), this::coreDevice);
            return new Fixture(policies, exported, cores);
        } finally {
            workers.shutdownNow();
        }
    }

    private Fixture.Thing thing(String name, Map<String, String> attributes) {
        List<Fixture.Certificate> certificates = new ArrayList<>();
        TreeSet<String> policies = new TreeSet<>();
        for (String arn : new TreeSet<>(api.thingPrincipals(name))) {
            FleetApi.CertificateDescription description = api.describeCertificate(arn.substring(
                    arn.lastIndexOf('/') + 1));
            if (description == null) {
                continue; // deleted since the listing
            }
            certificates.add(new Fixture.Certificate(description.certificatePem(), description.status()));
            policies.addAll(api.attachedPolicies(arn));
        }
        return new Fixture.Thing(name, new LinkedHashMap<>(new java.util.TreeMap<>(attributes)), certificates,
                List.copyOf(policies));
    }

    private Fixture.CoreDevice coreDevice(String name) {
        List<Fixture.Connectivity> connectivity = new ArrayList<>();
        for (JsonNode entry : api.connectivity(name)) {
            connectivity.add(new Fixture.Connectivity(entry.path("Id").asString(""),
                    entry.path("HostAddress").asString(), entry.path("PortNumber").asInt(),
                    entry.path("Metadata").isNull() ? "" : entry.path("Metadata").asString("")));
        }
        return new Fixture.CoreDevice(name, connectivity, api.certificateAuthorities(name),
                List.copyOf(new TreeSet<>(api.associatedClientDevices(name))));
    }

    private static <T, R> List<R> inParallel(ExecutorService workers, List<T> inputs, Function<T, R> work) {
        List<Future<R>> futures = new ArrayList<>(inputs.size());
        inputs.forEach(input -> futures.add(workers.submit(() -> work.apply(input))));
        List<R> results = new ArrayList<>(inputs.size());
        for (Future<R> future : futures) {
            try {
                results.add(future.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new FleetException("interrupted");
            } catch (ExecutionException e) {
                if (e.getCause() instanceof FleetException failure) {
                    throw failure;
                }
                if (e.getCause() instanceof FleetApi.AwsError refused) {
                    throw new FleetException("the server refused a read: " + refused.getMessage());
                }
                throw new FleetException("the export failed unexpectedly: " + (e.getCause() == null ? e
                        : e.getCause()).getClass().getSimpleName());
            }
        }
        return results;
    }
}
