package io.corelink.app;

import java.util.Locale;

/**
 * How the data plane decides what a certificate may do (access-control.md §3): {@code iot-policy} (the default, as
 * AWS) needs an IoT policy attached to the certificate that allows the call; {@code certificate} lets any
 * {@code ACTIVE} certificate attached to the thing act for it, for trusted networks that want no policies.
 */
public enum DataPlaneAuthorization {
    IOT_POLICY, CERTIFICATE;

    /** The option's spelling. */
    public String optionValue() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** @throws IllegalArgumentException naming the accepted values */
    public static DataPlaneAuthorization parse(String value) {
        for (DataPlaneAuthorization mode : values()) {
            if (mode.optionValue().equals(value.strip())) {
                return mode;
            }
        }
        throw new IllegalArgumentException("--data-plane-authorization must be iot-policy or certificate, not '"
                + value + "'");
    }
}
