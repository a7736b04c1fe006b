package io.corelink.store;

import io.corelink.domain.certificate.CertificateId;
import io.corelink.domain.discovery.DiscoveredCore;
import io.corelink.domain.thing.ThingName;
import java.util.List;
import java.util.Set;

/** The reads of the data plane, each a fixed number of queries whatever the number of cores. */
public interface DiscoveryRepository {

    /** The things the certificate is attached to. */
    Set<ThingName> thingsOf(CertificateId certificate);

    /** Those of {@code things} that are core devices. */
    Set<ThingName> coreDevicesAmong(Set<ThingName> things);

    /** The certificates attached to the thing, any status, by id. */
    java.util.SortedMap<CertificateId, io.corelink.domain.certificate.CertificateStatus> certificatesOf(ThingName thing);

    /** Every core device the client is associated with, by name, with its connectivity and CAs (in set order). */
    List<DiscoveredCore> coresOf(ThingName client);
}
