package io.corelink.domain.discovery;

import io.corelink.domain.certificate.CertificateId;
import io.corelink.domain.thing.ThingName;
import java.util.Set;

/**
 * Who calls the data plane: an {@code ACTIVE} certificate of the registry, the things it is attached to, and which of
 * those are core devices.
 */
public record DataPlaneCaller(CertificateId certificate, Set<ThingName> things, Set<ThingName> coreDevices) {
    public DataPlaneCaller {
        things = Set.copyOf(things);
        coreDevices = Set.copyOf(coreDevices);
    }

    public boolean isAttachedTo(ThingName thing) {
        return things.contains(thing);
    }
}
