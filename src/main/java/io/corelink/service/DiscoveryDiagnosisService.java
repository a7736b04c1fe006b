package io.corelink.service;

import io.corelink.domain.discovery.DiscoveryDiagnosis;
import io.corelink.domain.thing.ThingName;
import io.corelink.store.Store;

/** Answers "why does my device get 404 from Discover?" from the registry, in one read transaction. */
public final class DiscoveryDiagnosisService {
    private final Store store;

    public DiscoveryDiagnosisService(Store store) {
        this.store = store;
    }

    /** The diagnosis of {@code thing}; of an unknown thing when there is none. */
    public DiscoveryDiagnosis diagnose(ThingName thing) {
        return store.read(tx -> {
            if (tx.things().existing(java.util.List.of(thing)).isEmpty()) {
                return DiscoveryDiagnosis.unknownThing(thing.value());
            }
            return DiscoveryDiagnosis.of(thing.value(), tx.discovery().certificatesOf(thing),
                    tx.discovery().coresOf(thing));
        });
    }
}
