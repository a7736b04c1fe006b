package io.corelink.service;

import io.corelink.domain.event.ChangeEvent;
import org.jspecify.annotations.Nullable;
import io.corelink.domain.association.AssociatedClientDevice;
import io.corelink.domain.association.BatchPlan;
import io.corelink.domain.association.EntryError;
import io.corelink.domain.error.ResourceNotFoundException;
import io.corelink.domain.thing.ThingName;
import io.corelink.store.Store;
import io.corelink.store.SubjectLock;
import io.corelink.store.StoreTransaction;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

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
    public List<EntryError> associate(ThingName core, @Nullable List<String> entryNames) {
        BatchPlan.Entries entries = BatchPlan.entries(core, entryNames == null ? List.of() : entryNames);
        Supplier<ChangeEvent> expected = () -> expectedEvent(ChangeEvent.Operation.ASSOCIATED, core, entries);
        return store.write(lockSubject(core), SubjectLock.SHARED, expected, tx -> {
            Set<ThingName> missing = missingOrNoCore(tx, core, entries.candidates());
            BatchPlan plan = entries.plan(missing, Set.of());
            if (!plan.targets().isEmpty()) {
                Instant now = clock.instant();
                List<ChangeEvent> events = new ArrayList<>(2);
                if (tx.coreDevices().registerIfAbsent(core, now)) {
                    events.add(ChangeEvent.coreDevice(ChangeEvent.Operation.CREATED, core, now));
                }
                tx.associations().associate(core, plan.targets(), now);
                events.add(ChangeEvent.associations(ChangeEvent.Operation.ASSOCIATED, core, plan.targets(), now));
                tx.events().append(events);
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
    public List<EntryError> disassociate(ThingName core, @Nullable List<String> entryNames) {
        BatchPlan.Entries entries = BatchPlan.entries(core, entryNames == null ? List.of() : entryNames);
        Supplier<ChangeEvent> expected = () -> expectedEvent(ChangeEvent.Operation.DISASSOCIATED, core, entries);
        return store.write(lockSubject(core), SubjectLock.EXCLUSIVE, expected, tx -> {
            Set<ThingName> missing = missingOrNoCore(tx, core, entries.candidates());
            Set<ThingName> associated = tx.associations().associatedAmong(core, entries.candidates());
            BatchPlan plan = entries.plan(missing, associated);
            tx.associations().disassociate(core, plan.targets());
            if (!plan.targets().isEmpty()) {
                tx.events().append(List.of(ChangeEvent.associations(ChangeEvent.Operation.DISASSOCIATED, core,
                        plan.targets(), clock.instant())));
            }
            return plan.errors();
        });
    }

    /**
     * The event of a batch whose every candidate succeeds, the usual case: its row is then made before the write
     * waits for the store's writer ({@link Store#write(String, SubjectLock, Supplier, java.util.function.Function)}).
     */
    private ChangeEvent expectedEvent(ChangeEvent.Operation operation, ThingName core, BatchPlan.Entries entries) {
        // The stored event keeps the id of the one appended: this one needs none drawn from the SecureRandom.
        return ChangeEvent.associations(operation, core, entries.candidates(), clock.instant(), "expected");
    }

    /**
     * A core device's associations are a hot spot (every client device of a site changes on one core). Adding ones
     * run together: their inserts do not conflict. Removing ones read the rows the others change, so SERIALIZABLE
     * transactions would abort each other and the adding ones: they take turns instead (decision 0021).
     */
    private static String lockSubject(ThingName core) {
        return "associations:" + core.value();
    }

    /**
     * The client devices of the core device after {@code after} (null: from the first), at most {@code limit}.
     *
     * @throws ResourceNotFoundException when the core device is not a thing
     */
    public Page<AssociatedClientDevice> list(ThingName core, @Nullable ThingName after, int limit) {
        return store.read(tx -> {
            missingOrNoCore(tx, core, Set.of());
            return Page.of(tx.associations().list(core, after, limit + 1), limit);
        });
    }

    /**
     * Which candidates name no thing, found in the same query as the core device.
     *
     * @throws ResourceNotFoundException when the core device is not a thing
     */
    private static Set<ThingName> missingOrNoCore(StoreTransaction tx, ThingName core, Set<ThingName> candidates) {
        List<ThingName> names = new ArrayList<>(candidates.size() + 1);
        names.add(core);
        names.addAll(candidates);
        Set<ThingName> missing = tx.things().missing(names);
        if (missing.contains(core)) {
            throw ResourceNotFoundException.thing(core.value());
        }
        return missing;
    }
}
