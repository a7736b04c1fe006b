package io.corelink.service;

import io.corelink.domain.event.ChangeEvent;
import io.corelink.domain.certificate.CertificateId;
import io.corelink.domain.certificate.CertificateStatus;
import io.corelink.domain.certificate.ParsedCertificate;
import io.corelink.domain.coredevice.ConnectivityEndpoint;
import io.corelink.domain.discovery.DataPlaneCaller;
import io.corelink.domain.error.AccessDeniedException;
import io.corelink.domain.error.InvalidCertificateException;
import io.corelink.domain.error.ResourceNotFoundException;
import io.corelink.domain.thing.ThingName;
import io.corelink.store.Store;
import io.corelink.store.StoreTransaction;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The core-side calls of the data plane (data-plane.md §3), each made by a certificate attached to the thing it acts
 * for. PutCertificateAuthorities and Get/UpdateConnectivityInfo make the thing a core device; the Verify calls are
 * for core devices only.
 */
public final class CoreSideService {
    private final Store store;
    private final Clock clock;
    private final DataPlaneCallers callers;
    private final boolean ownClientsOnly;

    /**
     * @param ownClientsOnly whether a core may verify only the client devices associated with it: the rule when no
     *     IoT policy limits the Verify calls ({@code --data-plane-authorization certificate}), so that a device that
     *     made itself a core cannot probe any certificate against any thing
     */
    public CoreSideService(Store store, Clock clock, DataPlaneCallers callers, boolean ownClientsOnly) {
        this.store = store;
        this.clock = clock;
        this.callers = callers;
        this.ownClientsOnly = ownClientsOnly;
    }

    /**
     * Replaces the core device's CA certificates (1..10 PEM CA certificates), making the thing a core device.
     *
     * @throws AccessDeniedException when the caller's certificate is not attached to the core thing
     * @throws InvalidCertificateException when a PEM is not a well-formed CA certificate
     */
    public void putCertificateAuthorities(DataPlaneCaller caller, ThingName core, List<String> pems) {
        requireAttached(caller, core);
        for (String pem : pems) {
            ParsedCertificate parsed = ParsedCertificate.fromPem(pem);
            if (parsed.certificate().getBasicConstraints() < 0) {
                throw new InvalidCertificateException("Every certificate must be a CA certificate "
                        + "(basicConstraints CA=true).");
            }
        }
        Instant now = clock.instant();
        store.write(tx -> {
            List<ChangeEvent> events = new java.util.ArrayList<>(2);
            if (tx.coreDevices().registerIfAbsent(core, now)) {
                events.add(ChangeEvent.coreDevice(ChangeEvent.Operation.CREATED, core, now));
            }
            events.add(ChangeEvent.coreCertificateAuthorities(core, pems.size(), now));
            tx.events().append(events);
            tx.coreDevices().replaceCertificateAuthorities(core, pems);
            tx.coreDevices().markSeen(core, now);
            return null;
        });
        callers.seen(core, now);
    }

    /**
     * The thing's connectivity list. Called by a certificate of a thing that is not a core device yet, it makes it one
     * (a core asks for its own connectivity when it first starts).
     *
     * @throws AccessDeniedException when the caller's certificate is not attached to the thing
     */
    public List<ConnectivityEndpoint> connectivity(DataPlaneCaller caller, ThingName thing) {
        requireAttached(caller, thing);
        if (caller.coreDevices().contains(thing)) {
            return store.read(tx -> tx.coreDevices().connectivity(thing));
        }
        Instant now = clock.instant();
        List<ConnectivityEndpoint> endpoints = store.write(tx -> {
            if (tx.coreDevices().registerIfAbsent(thing, now)) {
                tx.events().append(List.of(ChangeEvent.coreDevice(ChangeEvent.Operation.CREATED, thing, now)));
            }
            tx.coreDevices().markSeen(thing, now);
            return tx.coreDevices().connectivity(thing);
        });
        callers.seen(thing, now);
        return endpoints;
    }

    /**
     * Replaces the thing's connectivity list, making it a core device.
     *
     * @return the new version
     * @throws AccessDeniedException when the caller's certificate is not attached to the thing
     */
    public String updateConnectivity(DataPlaneCaller caller, ThingName thing, List<ConnectivityEndpoint> endpoints) {
        requireAttached(caller, thing);
        String version = UUID.randomUUID().toString();
        Instant now = clock.instant();
        store.write(tx -> {
            tx.events().append(CoreDeviceService.connectivityChanged(tx, thing, endpoints, now));
            tx.coreDevices().replaceConnectivity(thing, endpoints, version);
            tx.coreDevices().markSeen(thing, now);
            return null;
        });
        callers.seen(thing, now);
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
        boolean active = store.read(tx -> tx.certificates().find(id)
                .filter(c -> c.status() == CertificateStatus.ACTIVE)
                .filter(c -> !ownClientsOnly || tx.discovery().thingsOf(id).stream()
                        .anyMatch(thing -> servesClient(tx, caller, thing)))
                .isPresent());
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
    public void verifyClientDeviceAssociation(DataPlaneCaller caller, ThingName client, CertificateId certificate) {
        requireCoreDevice(caller);
        if (ownClientsOnly && !store.read(tx -> servesClient(tx, caller, client))) {
            throw new AccessDeniedException("A core device may verify only the client devices associated with it.");
        }
        if (!store.read(tx -> tx.discovery().thingsOf(certificate)).contains(client)) {
            throw notAttached(client.value(), certificate);
        }
    }

    /** The error {@link #verifyClientDeviceAssociation} gives, also for a name that cannot name a thing. */
    public static ResourceNotFoundException notAttached(String clientThing, CertificateId certificate) {
        return new ResourceNotFoundException("thing", clientThing, "The certificate " + certificate
                + " is not attached to thing " + clientThing + ".");
    }

    /** The error for a caller acting for a thing its certificate is not attached to (or that cannot exist). */
    public static AccessDeniedException notAttached(String thing) {
        return new AccessDeniedException("The certificate is not attached to thing " + thing + ".");
    }

    /** Whether {@code client} is associated with one of the caller's core devices. */
    private static boolean servesClient(StoreTransaction tx, DataPlaneCaller caller, ThingName client) {
        return tx.discovery().coresOf(client).stream().anyMatch(core -> caller.coreDevices().contains(core.core()));
    }

    private static void requireAttached(DataPlaneCaller caller, ThingName thing) {
        if (!caller.isAttachedTo(thing)) {
            throw notAttached(thing.value());
        }
    }

    private static void requireCoreDevice(DataPlaneCaller caller) {
        if (caller.coreDevices().isEmpty()) {
            throw new AccessDeniedException("Only a core device may verify client devices.");
        }
    }
}
