package io.corelink.service;

import io.corelink.domain.event.ChangeEvent;
import org.jspecify.annotations.Nullable;
import io.corelink.domain.Account;
import io.corelink.domain.coredevice.ConnectivityEndpoint;
import io.corelink.domain.coredevice.CoreDevice;
import io.corelink.domain.coredevice.CoreDeviceStatus;
import io.corelink.domain.error.InvalidRequestException;
import io.corelink.domain.error.ResourceNotFoundException;
import io.corelink.domain.thing.ThingName;
import io.corelink.store.Store;
import io.corelink.store.StoreTransaction;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Core devices, their connectivity info and their tags (control-plane.md §7). Each call is one store transaction.
 */
public final class CoreDeviceService {
    /** AWS's limit of user tags on one resource. */
    public static final int MAX_TAGS = 50;

    private final Store store;
    private final Account account;
    private final Clock clock;

    public CoreDeviceService(Store store, Account account, Clock clock) {
        this.store = store;
        this.account = account;
        this.clock = clock;
    }

    /** A core device with its tags, as GetCoreDevice shows it. */
    public record Described(CoreDevice device, CoreDeviceStatus status, SortedMap<String, String> tags) {
    }

    /** @throws ResourceNotFoundException when the thing is not a core device */
    public Described get(ThingName name) {
        Instant now = clock.instant();
        return store.read(tx -> {
            CoreDevice device = requireCoreDevice(tx, name);
            return new Described(device, device.status(now), tx.coreDevices().tags(device.name()));
        });
    }

    /** A page of core devices by name, with {@code status} (null: any) as of now. */
    public Page<CoreDevice> list(@Nullable CoreDeviceStatus status, @Nullable ThingName after, int limit) {
        Instant now = clock.instant();
        return Page.of(store.read(tx -> tx.coreDevices().list(status, now, after, limit + 1)), limit);
    }

    public CoreDeviceStatus statusOf(CoreDevice device) {
        return device.status(clock.instant());
    }

    /**
     * Removes the core-device record, its connectivity info, CA certificates, tags and associations; not the thing.
     *
     * @throws ResourceNotFoundException when the thing is not a core device
     */
    public void delete(ThingName name) {
        store.write(tx -> {
            CoreDevice device = requireCoreDevice(tx, name);
            List<ChangeEvent> events = removalEvents(tx, device.name(), clock.instant());
            tx.coreDevices().delete(device.name());
            tx.events().append(events);
            return null;
        });
    }

    /**
     * The core device's CA certificates as its core put them (PEM, in order); empty when it put none.
     *
     * @throws ResourceNotFoundException when the thing is not a core device
     */
    public List<String> certificateAuthorities(ThingName name) {
        return store.read(tx -> tx.coreDevices().certificateAuthorities(requireCoreDevice(tx, name).name()));
    }

    /**
     * The thing's connectivity info in the order it was set; empty when it has none.
     *
     * @throws ResourceNotFoundException when there is no such thing
     */
    public List<ConnectivityEndpoint> connectivity(ThingName thingName) {
        return store.read(tx -> {
            ThingName thing = requireThing(tx, thingName);
            return tx.coreDevices().connectivity(thing);
        });
    }

    /**
     * Replaces the thing's whole connectivity list, making it a core device if it was not one.
     *
     * @return the new version
     * @throws ResourceNotFoundException when there is no such thing
     */
    public String updateConnectivity(ThingName thingName, List<ConnectivityEndpoint> endpoints) {
        String version = UUID.randomUUID().toString();
        store.write(tx -> {
            ThingName thing = requireThing(tx, thingName);
            tx.events().append(connectivityChanged(tx, thing, endpoints, clock.instant()));
            tx.coreDevices().replaceConnectivity(thing, endpoints, version);
            return null;
        });
        return version;
    }

    /**
     * The events of a core device's removal, read before it is removed: its client devices disassociated, then the
     * core device deleted.
     */
    static List<ChangeEvent> removalEvents(io.corelink.store.StoreTransaction tx, ThingName core,
                                           java.time.Instant now) {
        List<ThingName> clients = tx.associations().list(core, null, Integer.MAX_VALUE).stream()
                .map(io.corelink.domain.association.AssociatedClientDevice::thingName).toList();
        List<ChangeEvent> events = new java.util.ArrayList<>(2);
        if (!clients.isEmpty()) {
            events.add(ChangeEvent.associations(ChangeEvent.Operation.DISASSOCIATED, core, clients, now));
        }
        events.add(ChangeEvent.coreDevice(ChangeEvent.Operation.DELETED, core, now));
        return events;
    }

    /**
     * Makes the thing a core device if it is not one, and says so with its new connectivity: the events of a
     * connectivity change, in the caller's transaction (the control plane's and the core's own call share it).
     */
    static List<ChangeEvent> connectivityChanged(io.corelink.store.StoreTransaction tx, ThingName thing,
                                                 List<ConnectivityEndpoint> endpoints, java.time.Instant now) {
        List<ChangeEvent> events = new java.util.ArrayList<>(2);
        if (tx.coreDevices().registerIfAbsent(thing, now)) {
            events.add(ChangeEvent.coreDevice(ChangeEvent.Operation.CREATED, thing, now));
        }
        events.add(ChangeEvent.connectivity(thing, endpoints, now));
        return events;
    }

    /** @throws ResourceNotFoundException when the ARN names no core device of this account */
    public SortedMap<String, String> tags(String resourceArn) {
        return store.read(tx -> tx.coreDevices().tags(requireTagged(tx, resourceArn)));
    }

    /**
     * Adds tags, updating the values of existing keys.
     *
     * @throws ResourceNotFoundException when the ARN names no core device of this account
     * @throws InvalidRequestException when the resource would have more than {@value #MAX_TAGS} tags
     */
    public void tag(String resourceArn, Map<String, String> tags) {
        store.write(tx -> {
            ThingName device = requireTagged(tx, resourceArn);
            TreeMap<String, String> after = new TreeMap<>(tx.coreDevices().tags(device));
            after.putAll(tags);
            if (after.size() > MAX_TAGS) {
                throw new InvalidRequestException("A resource can have at most " + MAX_TAGS + " tags.");
            }
            tx.coreDevices().putTags(device, tags);
            return null;
        });
    }

    /** Removes tags; keys that are not there are ignored. @throws ResourceNotFoundException as for {@link #tag} */
    public void untag(String resourceArn, List<String> keys) {
        store.write(tx -> {
            tx.coreDevices().removeTags(requireTagged(tx, resourceArn), keys);
            return null;
        });
    }

    public String arnOf(ThingName device) {
        return account.coreDeviceArn(device);
    }

    private ThingName requireTagged(StoreTransaction tx, String resourceArn) {
        String name = account.coreDeviceOf(resourceArn).orElseThrow(() -> new ResourceNotFoundException(
                "resource", resourceArn, "Resource " + resourceArn + " cannot be found."));
        return ThingName.parse(name).filter(device -> tx.coreDevices().find(device).isPresent())
                .orElseThrow(() -> new ResourceNotFoundException("coreDevice", resourceArn, "Resource " + resourceArn
                        + " cannot be found."));
    }

    private static CoreDevice requireCoreDevice(StoreTransaction tx, ThingName name) {
        return tx.coreDevices().find(name).orElseThrow(() -> ResourceNotFoundException.coreDevice(name.value()));
    }

    private static ThingName requireThing(StoreTransaction tx, ThingName name) {
        if (tx.things().existing(List.of(name)).isEmpty()) {
            throw ResourceNotFoundException.thing(name.value());
        }
        return name;
    }
}
