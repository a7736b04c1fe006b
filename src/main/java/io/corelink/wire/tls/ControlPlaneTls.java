package io.corelink.wire.tls;

import io.corelink.pki.Pem;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.List;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.jspecify.annotations.Nullable;

/**
 * The TLS side of an HTTPS control plane ({@code --control-plane-tls}, operations.md §7): TLS 1.2 and 1.3, no client
 * certificate (callers are identified by their SigV4 signatures), HTTP/1.1 as the AWS SDKs speak to AWS's control
 * plane.
 */
public final class ControlPlaneTls {
    static final int SESSION_LIFETIME_SECONDS = 60 * 60;

    private ControlPlaneTls() {
    }

    /** A server certificate chain (the server's own certificate first) and its private key. */
    public record Identity(PrivateKey key, X509Certificate[] chain) {
    }

    /** A context factory whose key material is installed later ({@link #install}), once it is known. */
    public static SslContextFactory.Server newContextFactory() {
        SslContextFactory.Server factory = new SslContextFactory.Server();
        factory.setIncludeProtocols("TLSv1.3", "TLSv1.2");
        factory.setEndpointIdentificationAlgorithm(null);
        return factory;
    }

    public static void install(SslContextFactory.Server factory, Identity identity) {
        factory.setSslContext(ServerContexts.context(identity.key(), identity.chain(), null,
                SESSION_LIFETIME_SECONDS));
    }

    /**
     * An identity from PEM texts as operators have them: a certificate file with the server certificate first and any
     * intermediates after it, and an unencrypted key (PKCS#1, SEC 1 or PKCS#8).
     *
     * @throws IllegalArgumentException saying what is wrong: no certificate, no key, or a key that is not the
     *                                  certificate's
     */
    public static Identity fromPem(String certificatePem, String keyPem) {
        List<X509Certificate> chain = Pem.certificates(certificatePem);
        PrivateKey key = Pem.privateKey(keyPem);
        if (!signs(key, chain.get(0))) {
            throw new IllegalArgumentException("the private key is not the certificate's");
        }
        return new Identity(key, chain.toArray(new X509Certificate[0]));
    }

    /** Whether a signature made with the key verifies with the certificate's public key. */
    private static boolean signs(PrivateKey key, X509Certificate certificate) {
        @Nullable String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "Ed25519", "EdDSA" -> "Ed25519";
            default -> null;
        };
        if (algorithm == null) {
            return false;
        }
        try {
            byte[] probe = "corelink".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(probe);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
