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
    private final DataPlaneCache<CertificateId, Optional<DataPlaneCaller>> callers;
    private final Map<ThingName, Instant> seenWritten = new ConcurrentHashMap<>();

    public DataPlaneCallers(Store store, Clock clock) {
        this.store = store;
        this.clock = clock;
        this.callers = new DataPlaneCache<>(store, clock);
    }

    /** The caller a certificate is, when it is an {@code ACTIVE} certificate of the registry; empty otherwise. */
    public Optional<DataPlaneCaller> authenticate(CertificateId certificate) {
        return callers.get(certificate, () -> store.read(tx -> {
            Optional<Certificate> found = tx.certificates().find(certificate);
            if (found.isEmpty() || found.get().status() != CertificateStatus.ACTIVE) {
                return Optional.<DataPlaneCaller>empty();
            }
            Set<ThingName> things = tx.discovery().thingsOf(certificate);
            return Optional.of(new DataPlaneCaller(certificate, things, tx.discovery().coreDevicesAmong(things)));
        })).value();
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
