package io.corelink.domain.coredevice;

import static org.assertj.core.api.Assertions.assertThat;

import io.corelink.domain.thing.ThingName;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CoreDeviceTest {
    private static final Instant REGISTERED = Instant.parse("2026-11-26T08:00:00Z");

    @Test
    void aCoreThatNeverCalled_isUnhealthySinceItsRegistration() {
        CoreDevice device = new CoreDevice(ThingName.of("c"), REGISTERED, null, null);
        assertThat(device.status(REGISTERED)).isEqualTo(CoreDeviceStatus.UNHEALTHY);
        assertThat(device.lastStatusUpdate()).isEqualTo(REGISTERED);
    }

    @Test
    void aCoreIsHealthyForTenMinutesAfterItsLastCall() {
        Instant call = REGISTERED.plusSeconds(30);
        CoreDevice device = new CoreDevice(ThingName.of("c"), REGISTERED, call, null);
        assertThat(device.lastStatusUpdate()).isEqualTo(call);
        assertThat(device.status(call.plus(Duration.ofMinutes(10)))).isEqualTo(CoreDeviceStatus.HEALTHY);
        assertThat(device.status(call.plus(Duration.ofMinutes(10)).plusMillis(1))).isEqualTo(CoreDeviceStatus.UNHEALTHY);
    }
}
