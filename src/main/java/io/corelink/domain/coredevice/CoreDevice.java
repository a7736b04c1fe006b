package io.corelink.domain.coredevice;

import org.jspecify.annotations.Nullable;
import io.corelink.domain.thing.ThingName;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A thing acting as a Greengrass core device. It is {@code HEALTHY} while it has called the data plane within the
 * last {@link #HEALTHY_WINDOW}, else {@code UNHEALTHY}; a core registered only through the control plane is
 * unhealthy until it calls.
 *
 * @param lastSeenAt when it last called the data plane, or null when it never has
 * @param connectivityVersion the version of its connectivity info, or null when none was ever set
 */
public record CoreDevice(ThingName name, Instant registeredAt, @Nullable Instant lastSeenAt,
                         @Nullable String connectivityVersion) {
    public static final Duration HEALTHY_WINDOW = Duration.ofMinutes(10);

    public CoreDevice {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(registeredAt, "registeredAt");
    }

    public CoreDeviceStatus status(Instant now) {
        return lastSeenAt != null && !lastSeenAt.isBefore(healthySince(now))
                ? CoreDeviceStatus.HEALTHY : CoreDeviceStatus.UNHEALTHY;
    }

    /** The time of the last status change: the last data-plane call, or the registration. */
    public Instant lastStatusUpdate() {
        return lastSeenAt != null ? lastSeenAt : registeredAt;
    }

    /** Core devices seen at or after this instant are healthy at {@code now}. */
    public static Instant healthySince(Instant now) {
        return now.minus(HEALTHY_WINDOW);
    }
}
