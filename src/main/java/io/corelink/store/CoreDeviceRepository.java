package io.corelink.store;

import org.jspecify.annotations.Nullable;
import io.corelink.domain.coredevice.ConnectivityEndpoint;
import io.corelink.domain.coredevice.CoreDevice;
import io.corelink.domain.coredevice.CoreDeviceStatus;
import io.corelink.domain.thing.ThingName;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;

/** The core-device records of things that act as Greengrass core devices, with their connectivity and tags. */
public interface CoreDeviceRepository {

    /** Makes the thing a core device unless it is one already. */
    /** @return whether the thing became a core device now */
    boolean registerIfAbsent(ThingName thing, Instant now);

    Optional<CoreDevice> find(ThingName thing);

    /**
     * Up to {@code limit} core devices after {@code after} (null: from the first), by name; only those with
     * {@code status} (null: all) as of {@code now}.
     */
    List<CoreDevice> list(@Nullable CoreDeviceStatus status, Instant now, @Nullable ThingName after, int limit);

    /** Deletes the record, its connectivity, tags and associations (not the thing); returns whether it existed. */
    boolean delete(ThingName thing);

    /** Records a data-plane call by the core device. */
    void markSeen(ThingName thing, Instant now);

    /** Replaces the whole connectivity list and sets its new version. */
    void replaceConnectivity(ThingName thing, List<ConnectivityEndpoint> endpoints, String version);

    /** The connectivity list in the order it was set. */
    List<ConnectivityEndpoint> connectivity(ThingName thing);

    /** Replaces the core's CA certificates (PEM as received, in order). */
    void replaceCertificateAuthorities(ThingName thing, List<String> pems);

    List<String> certificateAuthorities(ThingName thing);

    SortedMap<String, String> tags(ThingName thing);

    /** Adds the tags, replacing the values of keys that exist. */
    void putTags(ThingName thing, Map<String, String> tags);

    void removeTags(ThingName thing, Collection<String> keys);
}
