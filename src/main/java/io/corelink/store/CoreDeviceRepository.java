package io.corelink.store;

import io.corelink.domain.thing.ThingName;
import java.time.Instant;

/** The core-device records of things that act as Greengrass core devices. */
public interface CoreDeviceRepository {

    /** Makes the thing a core device unless it is one already. */
    void registerIfAbsent(ThingName thing, Instant now);
}
