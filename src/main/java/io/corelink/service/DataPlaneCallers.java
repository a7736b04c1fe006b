package io.corelink.service;

import io.corelink.domain.certificate.Certificate;
import io.corelink.domain.certificate.CertificateId;
import io.corelink.domain.certificate.CertificateStatus;
import io.corelink.domain.discovery.DataPlaneCaller;
import io.corelink.domain.thing.ThingName;
import io.corelink.store.Store;
import io.corelink.store.StoreUnavailableException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import io.corelink.policy.NamedPolicy;
import io.corelink.policy.PolicyDocument;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who calls the data plane: the caller a certificate is (cached, see {@link DataPlaneCache}), and when each core
 * device last called (written at most every {@link #SEEN_WRITE_INTERVAL}, best effort).
 *
 * @throws StoreUnavailableException from {@link #authenticate} when the store cannot be reached
 */
public final class DataPlaneCallers {
    /** How often a core's data-plane calls are written down; well inside the 10-minute health window. */
    static final Duration SEEN_WRITE_INTERVAL = Duration.ofSeconds(30);
    private static final Logger LOG = LoggerFactory.getLogger(DataPlaneCallers.class);

    private final Store store;
    private final Clock clock;
    private final boolean withPolicies;
    private final DataPlaneCache<CertificateId, Optional<Known>> callers;
    private final Map<String, PolicyDocument> parsedDocuments = new ConcurrentHashMap<>();
    private final Map<ThingName, Instant> seenWritten = new ConcurrentHashMap<>();

    /** A caller and the IoT policies attached to its certificate, read in one transaction and cached together. */
    private record Known(DataPlaneCaller caller, List<NamedPolicy> policies) {
    }

    /**
     * @param withPolicies whether callers' IoT policies are read too (the data plane authorizes with them)
     */
    public DataPlaneCallers(Store store, Clock clock, boolean withPolicies) {
        this.store = store;
        this.clock = clock;
        this.withPolicies = withPolicies;
        this.callers = new DataPlaneCache<>(store, clock);
    }

    /** The caller a certificate is, when it is an {@code ACTIVE} certificate of the registry; empty otherwise. */
    public Optional<DataPlaneCaller> authenticate(CertificateId certificate) {
        return known(certificate).map(Known::caller);
    }

    /**
     * The IoT policies attached to an {@code ACTIVE} certificate (their default versions), by name; empty for any
     * other certificate. Served from the same cache entry as {@link #authenticate}: no store round trip on a hit.
     */
    public List<NamedPolicy> policiesOf(CertificateId certificate) {
        return known(certificate).map(Known::policies).orElse(List.of());
    }

    private Optional<Known> known(CertificateId certificate) {
        return callers.get(certificate, () -> store.read(tx -> {
            Optional<Certificate> found = tx.certificates().find(certificate);
            if (found.isEmpty() || found.get().status() != CertificateStatus.ACTIVE) {
                return Optional.<Known>empty();
            }
            Set<ThingName> things = tx.discovery().thingsOf(certificate);
            DataPlaneCaller caller = new DataPlaneCaller(certificate, things,
                    tx.discovery().coreDevicesAmong(things));
            List<NamedPolicy> policies = withPolicies ? tx.iotPolicies().attachedTo(certificate).stream()
                    .map(policy -> new NamedPolicy(policy.name().value(), parsed(policy.defaultDocument())))
                    .toList() : List.of();
            return Optional.of(new Known(caller, policies));
        })).value();
    }

    /**
     * A stored document, parsed once per node: documents were validated when they were stored, and one policy is
     * typically attached to a whole fleet's certificates. Bounded: a full map starts again empty.
     */
    private PolicyDocument parsed(String document) {
        PolicyDocument known = parsedDocuments.get(document);
        if (known != null) {
            return known;
        }
        if (parsedDocuments.size() >= 10_000) {
            parsedDocuments.clear();
        }
        PolicyDocument parsed = PolicyDocument.parse(document, Integer.MAX_VALUE);
        parsedDocuments.put(document, parsed);
        return parsed;
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

    /** Notes that a write of the caller's own (a core-side call) already marked {@code core} as seen now. */
    void seen(ThingName core, Instant at) {
        seenWritten.put(core, at);
    }
}
