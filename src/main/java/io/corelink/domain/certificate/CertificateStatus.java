package io.corelink.domain.certificate;

import io.corelink.domain.error.InvalidValueException;
import java.util.Arrays;

/** The states of a certificate, as modelled by AWS IoT; only {@link #ACTIVE} authenticates on the data plane. */
public enum CertificateStatus {
    ACTIVE, INACTIVE, REVOKED, PENDING_TRANSFER, REGISTER_INACTIVE, PENDING_ACTIVATION;

    /** @throws InvalidValueException with the enum rule when {@code value} is not one of the states */
    public static CertificateStatus of(String value) {
        try {
            return valueOf(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidValueException("Member must satisfy enum value set: " + Arrays.toString(values()));
        }
    }

    /** Whether a caller may put a certificate into this state (the pending ones are reached only through transfers). */
    public boolean isSettable() {
        return this == ACTIVE || this == INACTIVE || this == REVOKED;
    }
}
