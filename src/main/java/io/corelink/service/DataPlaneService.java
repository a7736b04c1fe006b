package io.corelink.service;

import io.corelink.domain.certificate.Certificate;
import io.corelink.domain.certificate.CertificateId;
import io.corelink.domain.certificate.CertificateStatus;
import io.corelink.domain.certificate.ParsedCertificate;
import io.corelink.domain.coredevice.ConnectivityEndpoint;
import io.corelink.domain.discovery.DataPlaneCaller;
import io.corelink.domain.discovery.DiscoveredCore;
import io.corelink.domain.error.AccessDeniedException;
import io.corelink.domain.error.InvalidCertificateException;
import io.corelink.domain.error.ResourceNotFoundException;
import io.corelink.domain.thing.ThingName;
import io.corelink.store.Store;
import io.corelink.store.StoreUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The data plane's use cases: who a certificate is, what a client device discovers, and the core-side calls.
 *
 * <p>Discovery is the fleet's hot read path, so the caller of a certificate and the cores a client discovers are
 * cached. A cached entry is used only while this node has committed no write since it was filled (then it is exact)
 * and for at most {@link #CACHE_TTL} (which bounds how late a write made by another node of the deployment is seen).
 */
public final class DataPlaneService {
    public static final Duration CACHE_TTL = Duration.ofSeconds(2);
    private static final Logger LOG = LoggerFactory.getLogger(DataPlaneService.class);
    /** How often a core's data-plane calls are written down; well inside the 10-minute health window. */
    static final Duration SEEN_WRITE_INTERVAL = Duration.ofSeconds(30);
    private static final int MAX_CACHE_ENTRIES = 100_000;

    private final Store store;
    private final Clock clock;
    private final Map<CertificateId, Cached<Optional<DataPlaneCaller>>> callers = new ConcurrentHashMap<>();
    private final Map<ThingName, Cached<List<DiscoveredCore>>> discoveries = new ConcurrentHashMap<>();
    private final Map<ThingName, Instant> seenWritten = new ConcurrentHashMap<>();

    public DataPlaneService(Store store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    private record Cached<T>(T value, long changeCount, long filledAtNanos) {
        boolean isFresh(long currentChangeCount) {
            return changeCount == currentChangeCount && System.nanoTime() - filledAtNanos < CACHE_TTL.toNanos();
        }
    }

    /** The caller a certificate is, when it is an {@code ACTIVE} certificate of the registry; empty otherwise. */
    public Optional<DataPlaneCaller> authenticate(CertificateId certificate) {
        long changes = store.changeCount();
        Cached<Optional<DataPlaneCaller>> cached = callers.get(certificate);
        if (cached != null && cached.isFresh(changes)) {
            return cached.value();
        }
        Optional<DataPlaneCaller> caller = store.read(tx -> {
            Optional<Certificate> found = tx.certificates().find(certificate);
            if (found.isEmpty() || found.get().status() != CertificateStatus.ACTIVE) {
                return Optional.<DataPlaneCaller>empty();
            }
            Set<ThingName> things = tx.discovery().thingsOf(certificate);
            return Optional.of(new DataPlaneCaller(certificate, things, tx.discovery().coreDevicesAmong(things)));
        });
        put(callers, certificate, new Cached<>(caller, changes, System.nanoTime()));
        return caller;
    }

    /** What {@code Discover} answers. */
    public sealed interface Discovery permits Discovery.Forbidden, Discovery.NotFound, Discovery.Found {
        /** The caller's certificate is not attached to the thing. */
        record Forbidden() implements Discovery {
        }

        /** No associated core device has both connectivity info and a CA certificate. */
        record NotFound() implements Discovery {
        }

        /** The qualifying core devices, by name. */
        record Found(List<DiscoveredCore> cores) implements Discovery {
        }
    }

    public Discovery discover(DataPlaneCaller caller, String thingName) {
        if (!ThingName.isValid(thingName) || !caller.isAttachedTo(ThingName.of(thingName))) {
            return new Discovery.Forbidden();
        }
        List<DiscoveredCore> cores = qualifyingCores(ThingName.of(thingName));
        return cores.isEmpty() ? new Discovery.NotFound() : new Discovery.Found(cores);
    }

    private List<DiscoveredCore> qualifyingCores(ThingName client) {
        long changes = store.changeCount();
        Cached<List<DiscoveredCore>> cached = discoveries.get(client);
        if (cached != null && cached.isFresh(changes)) {
            return cached.value();
        }
        List<DiscoveredCore> cores = store.read(tx -> tx.discovery().coresOf(client)).stream()
                .filter(DiscoveredCore::qualifies).toList();
        put(discoveries, client, new Cached<>(cores, changes, System.nanoTime()));
        return cores;
    }

    /**
     * Replaces the core device's CA certificates (1..10 PEM CA certificates), making the thing a core device.
     *
     * @throws AccessDeniedException when the caller's certificate is not attached to the core thing
     * @throws InvalidCertificateException when a PEM is not a well-formed CA certificate
     */
    public void putCertificateAuthorities(DataPlaneCaller caller, String coreName, List<String> pems) {
        ThingName core = actingFor(caller, coreName);
        for (String pem : pems) {
            ParsedCertificate parsed = ParsedCertificate.fromPem(pem);
            if (parsed.certificate().getBasicConstraints() < 0) {
                throw new InvalidCertificateException("Every certificate must be a CA certificate "
                        + "(basicConstraints CA=true).");
            }
        }
        store.write(tx -> {
            tx.coreDevices().registerIfAbsent(core, clock.instant());
            tx.coreDevices().replaceCertificateAuthorities(core, pems);
            tx.coreDevices().markSeen(core, clock.instant());
            return null;
        });
        seenWritten.put(core, clock.instant());
    }

    /**
     * The thing's connectivity list. Called by a certificate of a thing that is not a core device yet, it makes it one
     * (data-plane.md §3: a core asks for its own connectivity when it first starts).
     *
     * @throws AccessDeniedException when the caller's certificate is not attached to the thing
     */
    public List<ConnectivityEndpoint> connectivity(DataPlaneCaller caller, String thingName) {
        ThingName thing = actingFor(caller, thingName);
        if (caller.coreDevices().contains(thing)) {
            return store.read(tx -> tx.coreDevices().connectivity(thing));
        }
        List<ConnectivityEndpoint> endpoints = store.write(tx -> {
            tx.coreDevices().registerIfAbsent(thing, clock.instant());
            tx.coreDevices().markSeen(thing, clock.instant());
            return tx.coreDevices().connectivity(thing);
        });
        seenWritten.put(thing, clock.instant());
        return endpoints;
    }

    /**
     * Replaces the thing's connectivity list, making it a core device.
     *
     * @throws AccessDeniedException when the caller's certificate is not attached to the thing
     */
    public String updateConnectivity(DataPlaneCaller caller, String thingName, List<ConnectivityEndpoint> endpoints) {
        ThingName thing = actingFor(caller, thingName);
        String version = UUID.randomUUID().toString();
        store.write(tx -> {
            tx.coreDevices().registerIfAbsent(thing, clock.instant());
            tx.coreDevices().replaceConnectivity(thing, endpoints, version);
            tx.coreDevices().markSeen(thing, clock.instant());
            return null;
        });
        seenWritten.put(thing, clock.instant());
        return version;
    }

    /**
     * The id of a client device's certificate when it is registered and {@code ACTIVE}.
     *
     * @throws AccessDeniedException when the caller is not a core device
     * @throws ResourceNotFoundException when the certificate is unknown or not active
     * @throws InvalidCertificateException when the PEM is malformed
     */
    public CertificateId verifyClientDeviceIdentity(DataPlaneCaller caller, String pem) {
        requireCoreDevice(caller);
        CertificateId id = ParsedCertificate.fromPem(pem).id();
        boolean active = store.read(tx -> tx.certificates().find(id))
                .filter(c -> c.status() == CertificateStatus.ACTIVE).isPresent();
        if (!active) {
            throw new ResourceNotFoundException("certificate", id.value(), "The certificate is not registered or "
                    + "not active.");
        }
        return id;
    }

    /**
     * Succeeds when the certificate is attached to the client device's thing.
     *
     * @throws AccessDeniedException when the caller is not a core device
     * @throws ResourceNotFoundException when it is not attached
     */
    public void verifyClientDeviceAssociation(DataPlaneCaller caller, String clientThing, CertificateId certificate) {
        requireCoreDevice(caller);
        boolean attached = ThingName.isValid(clientThing) && store.read(tx -> tx.discovery().thingsOf(certificate))
                .contains(ThingName.of(clientThing));
        if (!attached) {
            throw new ResourceNotFoundException("thing", clientThing, "The certificate " + certificate
                    + " is not attached to thing " + clientThing + ".");
        }
    }

    /**
     * Records that the caller's core devices called; written at most every {@link #SEEN_WRITE_INTERVAL} per core, and
     * only as far as the store lets it: a failed write is logged, never the caller's failure.
     */
    public void recordCall(DataPlaneCaller caller) {
        Instant now = clock.instant();
        for (ThingName core : caller.coreDevices()) {
            Instant last = seenWritten.get(core);
            if (last == null || !now.isBefore(last.plus(SEEN_WRITE_INTERVAL))) {
                seenWritten.put(core, now);
                try {
                    store.write(tx -> {
                        tx.coreDevices().markSeen(core, now);
                        return null;
                    });
                } catch (StoreUnavailableException e) {
                    // Best effort: a core's read must not fail because its "last seen" cannot be written (a full
                    // disk); the next call after SEEN_WRITE_INTERVAL tries again.
                    LOG.warn("cannot record that core device {} called: {}", core, e.getMessage());
                }
            }
        }
    }

    private static ThingName actingFor(DataPlaneCaller caller, String thingName) {
        if (!ThingName.isValid(thingName) || !caller.isAttachedTo(ThingName.of(thingName))) {
            throw new AccessDeniedException("The certificate is not attached to thing " + thingName + ".");
        }
        return ThingName.of(thingName);
    }

    private static void requireCoreDevice(DataPlaneCaller caller) {
        if (caller.coreDevices().isEmpty()) {
            throw new AccessDeniedException("Only a core device may verify client devices.");
        }
    }

    private static <K, V> void put(Map<K, V> cache, K key, V value) {
        if (cache.size() >= MAX_CACHE_ENTRIES) {
            cache.clear();
        }
        cache.put(key, value);
    }
}
