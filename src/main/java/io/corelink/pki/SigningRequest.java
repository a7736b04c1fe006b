package io.corelink.pki;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/**
 * A PKCS#10 certificate signing request as AWS IoT's CreateCertificateFromCsr takes it: PEM, signed with the key it
 * carries (proof that the requester holds it), and that key RSA of at least 2048 bits or EC on NIST P-256, P-384 or
 * P-521.
 *
 * @param subject the subject the requester asked for (empty when it asked for none)
 */
public record SigningRequest(X500Name subject, PublicKey publicKey) {

    /**
     * A signing request for {@code keys} with the subject {@code CN=commonName}, in PEM, as a device makes one (the
     * fleet commands make one for each key they generate, so that no private key travels).
     */
    public static String create(KeyPair keys, KeyAlgorithm algorithm, String commonName) {
        try {
            X500NameBuilder name = new X500NameBuilder()
                    .addRDN(BCStyle.CN, commonName);
            PKCS10CertificationRequest request = new JcaPKCS10CertificationRequestBuilder(
                    name.build(), keys.getPublic()).build(new JcaContentSignerBuilder(
                            algorithm.signatureAlgorithm()).build(keys.getPrivate()));
            StringWriter out = new StringWriter();
            try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
                writer.writeObject(request);
            }
            return out.toString().replace("\r\n", "\n");
        } catch (OperatorCreationException | IOException e) {
            throw new IllegalStateException("cannot sign a request with a key just made", e);
        }
    }

    /**
     * @throws IllegalArgumentException with a message for the caller: not a PEM CSR, a signature that does not
     *                                  verify, or a key AWS IoT does not accept
     */
    public static SigningRequest parse(String pem) {
        PKCS10CertificationRequest request;
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            Object object = parser.readObject();
            if (!(object instanceof PKCS10CertificationRequest parsed)) {
                throw new IllegalArgumentException("The certificate signing request is not a PEM-encoded PKCS#10 "
                        + "request.");
            }
            request = parsed;
        } catch (IOException | RuntimeException e) {
            if (e instanceof IllegalArgumentException known && known.getMessage() != null
                    && known.getMessage().startsWith("The certificate signing request")) {
                throw known;
            }
            throw new IllegalArgumentException("The certificate signing request is not a PEM-encoded PKCS#10 "
                    + "request.", e);
        }
        PublicKey key;
        try {
            key = new JcaPEMKeyConverter().getPublicKey(request.getSubjectPublicKeyInfo());
            // Built from the converted key: the JDK knows EC keys by name, not by the OID the request carries.
            if (!request.isSignatureValid(new JcaContentVerifierProviderBuilder().build(key))) {
                throw new IllegalArgumentException("The signature of the certificate signing request is not valid.");
            }
        } catch (IOException | OperatorCreationException | PKCSException | RuntimeException e) {
            if (e instanceof IllegalArgumentException known && known.getMessage() != null
                    && known.getMessage().startsWith("The signature")) {
                throw known;
            }
            throw new IllegalArgumentException("The certificate signing request cannot be verified.", e);
        }
        checkKey(key);
        return new SigningRequest(request.getSubject(), key);
    }

    private static void checkKey(PublicKey key) {
        if (key instanceof RSAPublicKey rsa) {
            if (rsa.getModulus().bitLength() < 2048) {
                throw new IllegalArgumentException("The RSA key of the certificate signing request must be at least "
                        + "2048 bits long.");
            }
            return;
        }
        if (key instanceof ECPublicKey ec) {
            int bits = ec.getParams().getCurve().getField().getFieldSize();
            if (bits != 256 && bits != 384 && bits != 521) {
                throw new IllegalArgumentException("The EC key of the certificate signing request must be on NIST "
                        + "P-256, P-384 or P-521.");
            }
            return;
        }
        throw new IllegalArgumentException("The key of the certificate signing request must be RSA or EC.");
    }
}
