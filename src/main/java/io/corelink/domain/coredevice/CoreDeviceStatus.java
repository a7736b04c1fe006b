package io.corelink.domain.coredevice;

import io.corelink.domain.error.InvalidValueException;

/** Whether a core device has called the data plane recently. */
public enum CoreDeviceStatus {
    HEALTHY, UNHEALTHY;

    /** @throws InvalidValueException with the enum rule when {@code value} is neither */
    public static CoreDeviceStatus of(String value) {
        try {
            return valueOf(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidValueException("Member must satisfy enum value set: [HEALTHY, UNHEALTHY]");
        }
    }
}
