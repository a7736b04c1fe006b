package io.corelink.pki;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;

/**
 * PEM as AWS IoT writes it: certificates as {@code CERTIFICATE}, RSA private keys as PKCS#1
 * {@code RSA PRIVATE KEY}, public keys as {@code PUBLIC KEY}; lines end with {@code \n}.
 */
public final class Pem {
    private Pem() {
    }

    /** Any of X509Certificate, PrivateKey (RSA keys come out as PKCS#1), PublicKey. */
    public static String write(Object object) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(object);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString().replace("\r\n", "\n");
    }

    /**
     * A private key in PEM with its public key inside, as OpenSSL writes one: RSA as PKCS#1, EC as SEC 1 with the
     * curve's name and the public point (the JDK's own encoding of an EC key leaves the point out).
     */
    public static String writeKeyPair(java.security.KeyPair keys) {
        if (!(keys.getPrivate() instanceof java.security.interfaces.ECPrivateKey key)) {
            return write(keys.getPrivate());
        }
        try {
            PrivateKeyInfo info = PrivateKeyInfo.getInstance(key.getEncoded());
            org.bouncycastle.asn1.x509.SubjectPublicKeyInfo publicKey =
                    org.bouncycastle.asn1.x509.SubjectPublicKeyInfo.getInstance(keys.getPublic().getEncoded());
            org.bouncycastle.asn1.sec.ECPrivateKey sec1 = new org.bouncycastle.asn1.sec.ECPrivateKey(
                    key.getParams().getOrder().bitLength(), key.getS(), publicKey.getPublicKeyData(),
                    info.getPrivateKeyAlgorithm().getParameters());
            return write(new org.bouncycastle.util.io.pem.PemObject("EC PRIVATE KEY", sec1.getEncoded()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static X509Certificate certificate(String pem) {
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            return new JcaX509CertificateConverter().getCertificate((X509CertificateHolder) parser.readObject());
        } catch (IOException | java.security.cert.CertificateException | ClassCastException e) {
            throw new IllegalArgumentException("not a PEM certificate", e);
        }
    }

    /**
     * Every certificate of a PEM text in order (a chain: the leaf first), skipping other blocks.
     *
     * @throws IllegalArgumentException when the text holds no certificate or one that does not parse
     */
    public static List<X509Certificate> certificates(String pem) {
        List<X509Certificate> certificates = new ArrayList<>();
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
            for (Object object = parser.readObject(); object != null; object = parser.readObject()) {
                if (object instanceof X509CertificateHolder holder) {
                    certificates.add(converter.getCertificate(holder));
                }
            }
        } catch (IOException | java.security.cert.CertificateException e) {
            throw new IllegalArgumentException("not a PEM certificate", e);
        }
        if (certificates.isEmpty()) {
            throw new IllegalArgumentException("no PEM certificate");
        }
        return certificates;
    }

    /**
     * The first private key of a PEM text: PKCS#1 ({@code RSA PRIVATE KEY}), SEC 1 ({@code EC PRIVATE KEY}, after
     * any {@code EC PARAMETERS}) or unencrypted PKCS#8 ({@code PRIVATE KEY}).
     *
     * @throws IllegalArgumentException when there is none (an encrypted key counts as none)
     */
    public static PrivateKey privateKey(String pem) {
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            for (Object object = parser.readObject(); object != null; object = parser.readObject()) {
                if (object instanceof PEMKeyPair pair) {
                    return converter.getPrivateKey(pair.getPrivateKeyInfo());
                }
                if (object instanceof PrivateKeyInfo info) {
                    return converter.getPrivateKey(info);
                }
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("not a PEM private key", e);
        }
        throw new IllegalArgumentException("no unencrypted PEM private key");
    }
}
