package io.corelink.domain.event;

import io.corelink.domain.certificate.Certificate;
import io.corelink.domain.coredevice.ConnectivityEndpoint;
import io.corelink.domain.iotpolicy.PolicyName;
import io.corelink.domain.thing.Thing;
import io.corelink.domain.thing.ThingName;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One committed change as the change events show it (operations.md §4): AWS's registry-event shape where AWS has one
 * ({@code THING_EVENT}), the same envelope ({@code eventType}, {@code eventId}, {@code timestamp}, {@code operation},
 * {@code accountId}) for the rest. Written to the outbox in the change's own transaction.
 *
 * <p>{@code members} are the event's own members after the envelope, as plain values (strings, numbers, booleans,
 * null, lists and maps of them). A change of many things of one kind (a batch of associations) is one change event
 * that {@code fanOut}s into one event per name, each with the name as its {@code fanOutMember}: it is written once and
 * read as many.
 */
public record ChangeEvent(EventType type, Operation operation, String eventId, Instant timestamp,
                          Map<String, @Nullable Object> members, @Nullable String fanOutMember, List<String> fanOut) {

    public ChangeEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(timestamp, "timestamp");
        members = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(members));
        fanOut = List.copyOf(fanOut);
        for (String name : fanOut) {
            if (name.indexOf('\n') >= 0) {
                throw new IllegalArgumentException("a fanned-out name holds no line break (thing names cannot)");
            }
        }
    }

    /**
     * Whether {@code other} records the same change as this event, whatever its id and time: the same type,
     * operation, fan-out member and fan-out (in the same order), and the same members in the same order (an event's
     * members are kept in their order, so that equal changes are written alike).
     */
    public boolean sameChangeAs(ChangeEvent other) {
        return type == other.type && operation == other.operation && fanOut.size() == other.fanOut.size()
                && Objects.equals(fanOutMember, other.fanOutMember) && sameInOrder(members, other.members)
                && fanOut.equals(other.fanOut);
    }

    private static boolean sameInOrder(Map<String, @Nullable Object> one, Map<String, @Nullable Object> other) {
        if (one.size() != other.size()) {
            return false;
        }
        Iterator<Map.Entry<String, @Nullable Object>> theirs = other.entrySet().iterator();
        for (Map.Entry<String, @Nullable Object> mine : one.entrySet()) {
            if (!mine.equals(theirs.next())) {
                return false;
            }
        }
        return true;
    }

    /** What changed. */
    public enum EventType {
        THING_EVENT, CERTIFICATE_EVENT, POLICY_EVENT, PRINCIPAL_ATTACHMENT_EVENT, ASSOCIATION_EVENT,
        CORE_DEVICE_EVENT, CONNECTIVITY_INFO_EVENT, CORE_CA_EVENT
    }

    /** How it changed, in AWS's words ({@code ASSOCIATED}/{@code DISASSOCIATED} for associations). */
    public enum Operation {
        CREATED, UPDATED, DELETED, ASSOCIATED, DISASSOCIATED
    }

    private static ChangeEvent of(EventType type, Operation operation, Instant at, Map<String, @Nullable Object> members) {
        return new ChangeEvent(type, operation, UUID.randomUUID().toString(), at, members, null, List.of());
    }

    /** AWS's {@code THING_EVENT}: {@code thingId}, {@code thingName}, {@code versionNumber}, {@code attributes}. */
    public static ChangeEvent thing(Operation operation, Thing thing, Instant at) {
        Map<String, @Nullable Object> members = new LinkedHashMap<>();
        members.put("thingId", thing.thingId());
        members.put("thingName", thing.name().value());
        members.put("versionNumber", thing.version());
        members.put("thingTypeName", null);
        members.put("attributes", thing.attributes().asMap());
        return of(EventType.THING_EVENT, operation, at, members);
    }

    public static ChangeEvent certificate(Operation operation, Certificate certificate, String arn, Instant at) {
        Map<String, @Nullable Object> members = new LinkedHashMap<>();
        members.put("certificateId", certificate.id().value());
        members.put("certificateArn", arn);
        members.put("status", certificate.status().name());
        return of(EventType.CERTIFICATE_EVENT, operation, at, members);
    }

    /** A policy created, deleted, or changed in its versions ({@code policyVersionId} when one is named). */
    public static ChangeEvent policy(Operation operation, PolicyName policy, @Nullable Integer versionId,
                                     Instant at) {
        Map<String, @Nullable Object> members = new LinkedHashMap<>();
        members.put("policyName", policy.value());
        if (versionId != null) {
            members.put("policyVersionId", Integer.toString(versionId));
        }
        return of(EventType.POLICY_EVENT, operation, at, members);
    }

    /** A certificate attached to ({@code CREATED}) or detached from ({@code DELETED}) a thing. */
    public static ChangeEvent thingPrincipal(Operation operation, ThingName thing, String principal, Instant at) {
        return of(EventType.PRINCIPAL_ATTACHMENT_EVENT, operation, at, Map.of("thingName", thing.value(),
                "principal", principal));
    }

    /** A policy attached to ({@code CREATED}) or detached from ({@code DELETED}) a certificate. */
    public static ChangeEvent policyPrincipal(Operation operation, PolicyName policy, String principal, Instant at) {
        return of(EventType.PRINCIPAL_ATTACHMENT_EVENT, operation, at, Map.of("policyName", policy.value(),
                "principal", principal));
    }

    /** Client devices associated with or disassociated from a core device: one event per client device. */
    public static ChangeEvent associations(Operation operation, ThingName core, Collection<ThingName> clients,
                                           Instant at) {
        return associations(operation, core, clients, at, UUID.randomUUID().toString());
    }

    /**
     * As {@link #associations(Operation, ThingName, Collection, Instant)}, with the given id: for an event that is
     * only compared with others ({@link #sameChangeAs}), never stored, and needs no random id of its own.
     */
    public static ChangeEvent associations(Operation operation, ThingName core, Collection<ThingName> clients,
                                           Instant at, String eventId) {
        List<String> names = new ArrayList<>(clients.size());
        clients.forEach(client -> names.add(client.value()));
        return new ChangeEvent(EventType.ASSOCIATION_EVENT, operation, eventId, at,
                Map.of("coreDeviceThingName", core.value()), "clientDeviceThingName", names);
    }

    public static ChangeEvent coreDevice(Operation operation, ThingName core, Instant at) {
        return of(EventType.CORE_DEVICE_EVENT, operation, at, Map.of("coreDeviceThingName", core.value()));
    }

    public static ChangeEvent connectivity(ThingName thing, List<ConnectivityEndpoint> endpoints, Instant at) {
        List<Map<String, @Nullable Object>> info = new ArrayList<>();
        for (ConnectivityEndpoint endpoint : endpoints) {
            Map<String, @Nullable Object> one = new LinkedHashMap<>();
            one.put("id", endpoint.id());
            one.put("hostAddress", endpoint.hostAddress());
            one.put("portNumber", endpoint.portNumber());
            one.put("metadata", endpoint.metadata());
            info.add(one);
        }
        Map<String, @Nullable Object> members = new LinkedHashMap<>();
        members.put("thingName", thing.value());
        members.put("connectivityInfo", info);
        return of(EventType.CONNECTIVITY_INFO_EVENT, Operation.UPDATED, at, members);
    }

    /** The CA certificates a core device put (their number: the certificates are in the registry's read calls). */
    public static ChangeEvent coreCertificateAuthorities(ThingName core, int count, Instant at) {
        return of(EventType.CORE_CA_EVENT, Operation.UPDATED, at, Map.of("coreDeviceThingName", core.value(),
                "certificateAuthorityCount", count));
    }
}
