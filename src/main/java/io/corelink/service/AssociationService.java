package io.corelink.service;

import org.jspecify.annotations.Nullable;
import io.corelink.domain.association.AssociatedClientDevice;
import io.corelink.domain.association.BatchPlan;
import io.corelink.domain.association.EntryError;
import io.corelink.domain.error.ResourceNotFoundException;
import io.corelink.domain.thing.ThingName;
import io.corelink.store.Store;
import io.corelink.store.StoreTransaction;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Which client devices may discover which core devices. Each call is one transaction with a fixed number of
 * statements whatever the batch size: one existence query, then one batched write.
 */
public final class AssociationService {
    private final Store store;
    private final Clock clock;

    public AssociationService(Store store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /**
     * Associates the named things with the core device; the successful entries commit together.
     *
     * @param entryNames the entries' thing names as sent, or null when the request has no {@code entries} (a no-op)
     * @return the failed entries, in request order
     * @throws ResourceNotFoundException when the core device is not a thing
     */
    public List<EntryError> associate(ThingName coreName, @Nullable List<String> entryNames) {
        return store.write(tx -> {
            Lookup lookup = lookUp(tx, coreName, entryNames);
            if (entryNames == null) {
                return List.of();
            }
            ThingName core = lookup.core();
            BatchPlan plan = BatchPlan.of(core, entryNames, lookup.existing(), Set.of());
            if (!plan.targets().isEmpty()) {
                Instant now = clock.instant();
                tx.coreDevices().registerIfAbsent(core, now);
                tx.associations().associate(core, plan.targets(), now);
            }
            return plan.errors();
        });
    }

    /**
     * Removes the named things' associations with the core device; the successful entries commit together.
     *
     * @param entryNames as for {@link #associate}
     * @throws ResourceNotFoundException when the core device is not a thing
     */
    public List<EntryError> disassociate(ThingName coreName, @Nullable List<String> entryNames) {
        return store.write(tx -> {
            Lookup lookup = lookUp(tx, coreName, entryNames);
            if (entryNames == null) {
                return List.of();
            }
            ThingName core = lookup.core();
            Set<ThingName> associated = tx.associations().associatedAmong(core, BatchPlan.candidates(core, entryNames));
            BatchPlan plan = BatchPlan.of(core, entryNames, lookup.existing(), associated);
            tx.associations().disassociate(core, plan.targets());
            return plan.errors();
        });
    }

    /**
     * The client devices of the core device after {@code after} (null: from the first), at most {@code limit}.
     *
     * @throws ResourceNotFoundException when the core device is not a thing
     */
    public Page<AssociatedClientDevice> list(ThingName coreName, @Nullable ThingName after, int limit) {
        return store.read(tx -> {
            ThingName core = lookUp(tx, coreName, null).core();
            return Page.of(tx.associations().list(core, after, limit + 1), limit);
        });
    }

    /** The core device and which of the entries name a thing, found in one query. */
    private record Lookup(ThingName core, Set<ThingName> existing) {
    }

    /** @throws ResourceNotFoundException when the core device is not a thing */
    private static Lookup lookUp(StoreTransaction tx, ThingName core, @Nullable List<String> entryNames) {
        Set<ThingName> names = new HashSet<>(entryNames == null ? Set.of() : BatchPlan.candidates(core, entryNames));
        names.add(core);
        Set<ThingName> existing = tx.things().existing(names);
        if (!existing.contains(core)) {
            throw ResourceNotFoundException.thing(core.value());
        }
        return new Lookup(core, existing);
    }
}
