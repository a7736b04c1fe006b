package io.corelink.domain.coredevice;

import org.jspecify.annotations.Nullable;
import io.corelink.domain.error.InvalidValueException;
import java.util.Objects;

/**
 * One address at which client devices reach a core device's MQTT broker. {@code hostAddress} is not empty and
 * {@code portNumber} is 0..65535; {@code id} and {@code metadata} are free text and may be null.
 */
public record ConnectivityEndpoint(@Nullable String id, String hostAddress, int portNumber, @Nullable String metadata) {
    public ConnectivityEndpoint {
        Objects.requireNonNull(hostAddress, "hostAddress");
    }

    /** @throws InvalidValueException naming the rule of the first broken member */
    public static void checkHostAddress(String hostAddress) {
        if (hostAddress == null || hostAddress.isEmpty()) {
            throw new InvalidValueException("Member must not be empty");
        }
    }
}
