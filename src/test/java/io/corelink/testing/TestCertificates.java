package io.corelink.testing;

import io.corelink.pki.CertificateAuthority;
import io.corelink.pki.Pem;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Device-made certificates of any issuer, as a fleet's own PKI would make them. */
public final class TestCertificates {
    private TestCertificates() {
    }

    /** A self-signed RSA certificate valid from {@code notBefore} to {@code notAfter}, as PEM. */
    public static String selfSigned(String commonName, Instant notBefore, Instant notAfter) {
        try {
            KeyPair keys = CertificateAuthority.rsa2048();
            X500Name name = new X500Name("CN=" + commonName);
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(
                    new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(System.nanoTime()), Date.from(notBefore),
                            Date.from(notAfter), name, keys.getPublic())
                            .build(new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate())));
            return Pem.write(certificate);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A self-signed certificate valid for a year from now. */
    public static String selfSigned(String commonName) {
        Instant now = Instant.now();
        return selfSigned(commonName, now.minusSeconds(60), now.plusSeconds(365L * 24 * 3600));
    }

    /** The lower-case hex SHA-256 of the DER of a PEM certificate, computed independently of Corelink. */
    public static String sha256OfDer(String pem) {
        try {
            X509Certificate certificate = (X509Certificate) java.security.cert.CertificateFactory.getInstance("X.509")
                    .generateCertificate(new java.io.ByteArrayInputStream(pem.getBytes(
                            java.nio.charset.StandardCharsets.US_ASCII)));
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(certificate.getEncoded()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
