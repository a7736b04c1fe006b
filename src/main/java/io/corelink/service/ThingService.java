package io.corelink.service;

import java.util.List;
import io.corelink.domain.event.ChangeEvent;
import org.jspecify.annotations.Nullable;
import io.corelink.domain.Account;
import io.corelink.domain.error.ConflictException;
import io.corelink.domain.error.ResourceAlreadyExistsException;
import io.corelink.domain.error.ResourceNotFoundException;
import io.corelink.domain.error.VersionConflictException;
import io.corelink.domain.thing.Thing;
import io.corelink.domain.thing.ThingAttributes;
import io.corelink.domain.thing.ThingFilter;
import io.corelink.domain.thing.ThingName;
import io.corelink.store.Store;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

/**
 * The thing registry's use cases, each one store transaction, with AWS IoT's semantics: CreateThing is idempotent for
 * an equal thing, DeleteThing of an unknown thing succeeds, a stale {@code expectedVersion} is a conflict.
 */
public final class ThingService {
    private final Store store;
    private final Account account;
    private final Clock clock;

    public ThingService(Store store, Account account, Clock clock) {
        this.store = store;
        this.account = account;
        this.clock = clock;
    }

    /**
     * Creates the thing, or returns the existing one when its attributes are equal.
     *
     * @throws ResourceAlreadyExistsException when a thing of that name exists with other attributes
     */
    public Thing create(ThingName name, ThingAttributes attributes) {
        return store.write(tx -> {
            Thing candidate = new Thing(name, UUID.randomUUID().toString(), attributes, 1, clock.instant());
            if (tx.things().insertIfAbsent(candidate)) {
                tx.events().append(List.of(ChangeEvent.thing(ChangeEvent.Operation.CREATED, candidate,
                        candidate.createdAt())));
                return candidate;
            }
            Thing existing = tx.things().find(name).orElseThrow();
            if (!existing.attributes().equals(attributes)) {
                throw new ResourceAlreadyExistsException(name.value(), account.thingArn(name),
                        "Thing " + name + " already exists in account with different attributes");
            }
            return existing;
        });
    }

    /** @throws ResourceNotFoundException when there is no such thing */
    public Thing describe(ThingName name) {
        return store.read(tx -> tx.things().find(name)).orElseThrow(() -> notFound(name));
    }

    /**
     * Applies an update and returns the thing as stored afterwards, its version one higher.
     *
     * @param attributes the attribute payload, or null to leave attributes alone
     * @param expectedVersion the version the caller last saw, or null
     * @throws ResourceNotFoundException when there is no such thing
     * @throws VersionConflictException when {@code expectedVersion} is not the stored version
     */
    public Thing update(ThingName name, @Nullable ThingAttributes attributes, boolean merge,
                        @Nullable Long expectedVersion) {
        return store.write(tx -> {
            Thing current = tx.things().find(name).orElseThrow(() -> notFound(name));
            checkVersion(current, expectedVersion);
            Thing updated = current.updated(attributes == null ? current.attributes()
                    : current.attributes().apply(attributes, merge));
            if (!tx.things().replace(updated, current.version())) {
                throw conflict(name);
            }
            tx.events().append(List.of(ChangeEvent.thing(ChangeEvent.Operation.UPDATED, updated, clock.instant())));
            return updated;
        });
    }

    /**
     * Deletes the thing and everything that names it (associations, its core-device record). Deleting an unknown
     * thing succeeds, as in AWS IoT.
     *
     * @throws VersionConflictException when the thing exists and {@code expectedVersion} is not its version
     * @throws ConflictException when certificates are still attached to it (AWS refuses too)
     */
    public void delete(ThingName name, @Nullable Long expectedVersion) {
        store.write(tx -> {
            Optional<Thing> current = tx.things().find(name);
            if (current.isPresent()) {
                checkVersion(current.get(), expectedVersion);
                if (tx.principals().countForThing(name) > 0) {
                    throw new ConflictException(ConflictException.Kind.THING_HAS_PRINCIPALS,
                            "Cannot delete. Thing " + name + " is still attached to one or more principals");
                }
                // What the deletion takes with it is said first: the core device it was, its associations.
                java.time.Instant now = clock.instant();
                List<ChangeEvent> events = new java.util.ArrayList<>();
                for (io.corelink.domain.discovery.DiscoveredCore core : tx.discovery().coresOf(name)) {
                    events.add(ChangeEvent.associations(ChangeEvent.Operation.DISASSOCIATED, core.core(),
                            List.of(name), now));
                }
                if (tx.coreDevices().find(name).isPresent()) {
                    events.addAll(CoreDeviceService.removalEvents(tx, name, now));
                }
                events.add(ChangeEvent.thing(ChangeEvent.Operation.DELETED, current.get(), now));
                tx.things().delete(name);
                tx.events().append(events);
            }
            return null;
        });
    }

    /** The things matching {@code filter} after {@code after} (null: from the start), at most {@code limit}. */
    public Page<Thing> list(ThingFilter filter, @Nullable ThingName after, int limit) {
        return Page.of(store.read(tx -> tx.things().list(filter, after, limit + 1)), limit);
    }

    /** The ARN of a thing in this deployment's account. */
    public String arnOf(ThingName name) {
        return account.thingArn(name);
    }

    private static void checkVersion(Thing current, @Nullable Long expectedVersion) {
        if (expectedVersion != null && expectedVersion != current.version()) {
            throw conflict(current.name());
        }
    }

    private static VersionConflictException conflict(ThingName name) {
        return new VersionConflictException("The version for thing " + name + " does not match the expected version.");
    }

    private static ResourceNotFoundException notFound(ThingName name) {
        return new ResourceNotFoundException("thing", name.value(), "Thing " + name + " cannot be found.");
    }
}
