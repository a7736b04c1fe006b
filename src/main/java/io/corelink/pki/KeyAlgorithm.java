package io.corelink.pki;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.util.Locale;

/**
 * The device key pairs Corelink's fleet commands generate: EC on NIST P-256 (about 1 ms a key, accepted by AWS IoT,
 * the Greengrass client-device auth component and the AWS IoT Device SDKs) or RSA 2048 (what CreateKeysAndCertificate
 * makes; about 100 ms a key).
 */
public enum KeyAlgorithm {
    EC_P256("SHA256withECDSA"),
    RSA_2048("SHA256withRSA");

    private static final SecureRandom RANDOM = new SecureRandom();
    private final String signatureAlgorithm;

    KeyAlgorithm(String signatureAlgorithm) {
        this.signatureAlgorithm = signatureAlgorithm;
    }

    /** The name on the command line: {@code ec-p256}, {@code rsa-2048}. */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** @throws IllegalArgumentException naming the accepted values */
    public static KeyAlgorithm fromCliName(String name) {
        for (KeyAlgorithm algorithm : values()) {
            if (algorithm.cliName().equals(name)) {
                return algorithm;
            }
        }
        throw new IllegalArgumentException("'" + name + "' is not a key algorithm: ec-p256 or rsa-2048");
    }

    /** The JCA name of the signature a request signed with such a key carries. */
    public String signatureAlgorithm() {
        return signatureAlgorithm;
    }

    public KeyPair generate() {
        try {
            if (this == RSA_2048) {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048, RANDOM);
                return generator.generateKeyPair();
            }
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA and EC P-256 are part of every JDK", e);
        }
    }
}
