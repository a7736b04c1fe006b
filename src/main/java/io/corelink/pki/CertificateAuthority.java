package io.corelink.pki;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The Corelink root CA: an RSA 2048 self-signed CA that issues the certificates of CreateKeysAndCertificate (device
 * certificates, as AWS IoT's CA does) and the data-plane server certificates. JDK providers only; BouncyCastle builds
 * the X.509 structures.
 */
public final class CertificateAuthority {
    /** AWS IoT's own device certificates are valid until the end of 2049. */
    static final Instant DEVICE_NOT_AFTER = ZonedDateTime.of(2049, 12, 31, 23, 59, 59, 0, ZoneOffset.UTC).toInstant();
    private static final Duration BACKDATE = Duration.ofMinutes(5);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final X509Certificate certificate;
    private final PrivateKey privateKey;

    public CertificateAuthority(X509Certificate certificate, PrivateKey privateKey) {
        this.certificate = certificate;
        this.privateKey = privateKey;
    }

    /** A new root CA, valid from a few minutes ago (clock skew) until the end of 2049. */
    public static CertificateAuthority create(Clock clock) {
        return create("CN=Corelink Root CA,O=Corelink", rsa2048(), clock);
    }

    /**
     * A new self-signed CA named {@code distinguishedName} (RFC 4514, e.g. {@code CN=core-1 CA}) with a new key of
     * {@code algorithm}, valid as {@link #create(Clock)}: what a Greengrass core device makes for its client devices.
     */
    public static CertificateAuthority create(String distinguishedName, KeyAlgorithm algorithm, Clock clock) {
        return create(distinguishedName, algorithm.generate(), clock);
    }

    private static CertificateAuthority create(String distinguishedName, KeyPair keys, Clock clock) {
        X500Name name = new X500Name(distinguishedName);
        Instant now = clock.instant();
        try {
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, serial(),
                    Date.from(now.minus(BACKDATE)), Date.from(DEVICE_NOT_AFTER), name, keys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            utils.createSubjectKeyIdentifier(keys.getPublic()));
            return new CertificateAuthority(sign(builder, keys.getPrivate()), keys.getPrivate());
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("cannot create the root CA", e);
        }
    }

    /** A new RSA 2048 key pair, as AWS IoT makes for CreateKeysAndCertificate. */
    public static KeyPair rsa2048() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048, RANDOM);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA is part of every JDK", e);
        }
    }

    /** A device certificate for {@code publicKey}: TLS client and server use, valid until the end of 2049. */
    public X509Certificate issueDeviceCertificate(PublicKey publicKey, Clock clock) {
        return issue(new X500Name("CN=AWS IoT Certificate"), publicKey, clock, DEVICE_NOT_AFTER, List.of());
    }

    /**
     * A device certificate for a signing request's key, with the subject it asked for ({@code CN=AWS IoT
     * Certificate} when it asked for none), otherwise as {@link #issueDeviceCertificate}.
     */
    public X509Certificate issueDeviceCertificate(SigningRequest request, Clock clock) {
        X500Name subject = request.subject().getRDNs().length == 0 ? new X500Name("CN=AWS IoT Certificate")
                : request.subject();
        return issue(subject, request.publicKey(), clock, DEVICE_NOT_AFTER, List.of());
    }

    /** A TLS server certificate with the given DNS names and IP addresses as subject alternative names. */
    public X509Certificate issueServerCertificate(PublicKey publicKey, Clock clock, List<GeneralName> names) {
        return issue(new X500Name("CN=Corelink data plane"), publicKey, clock, DEVICE_NOT_AFTER, names);
    }

    private X509Certificate issue(X500Name subject, PublicKey publicKey, Clock clock, Instant notAfter,
                                  List<GeneralName> alternativeNames) {
        Instant now = clock.instant();
        try {
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(certificate, serial(),
                    Date.from(now.minus(BACKDATE)), Date.from(notAfter), subject, publicKey)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true,
                            new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
                            new KeyPurposeId[] {KeyPurposeId.id_kp_clientAuth, KeyPurposeId.id_kp_serverAuth}))
                    .addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(publicKey))
                    .addExtension(Extension.authorityKeyIdentifier, false,
                            utils.createAuthorityKeyIdentifier(certificate));
            if (!alternativeNames.isEmpty()) {
                builder.addExtension(Extension.subjectAlternativeName, false,
                        new GeneralNames(alternativeNames.toArray(GeneralName[]::new)));
            }
            return sign(builder, privateKey);
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("cannot issue a certificate", e);
        }
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey key)
            throws GeneralSecurityException {
        try {
            return new JcaX509CertificateConverter().getCertificate(builder.build(
                    new JcaContentSignerBuilder("EC".equals(key.getAlgorithm()) ? "SHA256withECDSA"
                            : "SHA256withRSA").build(key)));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException(e);
        }
    }

    private static BigInteger serial() {
        return new BigInteger(159, RANDOM).add(BigInteger.ONE);
    }

    public X509Certificate certificate() {
        return certificate;
    }

    public PrivateKey privateKey() {
        return privateKey;
    }
}
