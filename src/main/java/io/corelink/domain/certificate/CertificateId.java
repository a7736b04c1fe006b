package io.corelink.domain.certificate;

import io.corelink.domain.error.InvalidValueException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The id of an X.509 certificate in the registry: the lower-case hex SHA-256 of its DER encoding, 64 characters —
 * computed the same way by the Greengrass client-device auth component, so both sides agree byte for byte.
 */
public record CertificateId(String value) implements Comparable<CertificateId> {
    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

    public CertificateId {
        if (!HEX64.matcher(value).matches()) {
            throw new InvalidValueException("Member must be 64 hexadecimal characters");
        }
    }

    /**
     * Parses an id as clients send it (hex of either case).
     *
     * @throws InvalidValueException with the AWS rule when it is not 64 hex characters
     */
    public static CertificateId of(String value) {
        if (value.length() != 64) {
            throw new InvalidValueException(value.length() < 64 ? "Member must have length greater than or equal to 64"
                    : "Member must have length less than or equal to 64");
        }
        if (!value.matches("[a-fA-F0-9]+")) {
            throw new InvalidValueException("Member must satisfy regular expression pattern: (0x)?[a-fA-F0-9]+");
        }
        return new CertificateId(value.toLowerCase(Locale.ROOT));
    }

    /** The id of the certificate whose DER encoding is {@code der}. */
    public static CertificateId ofDer(byte[] der) {
        try {
            return new CertificateId(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(der)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    @Override
    public int compareTo(CertificateId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
