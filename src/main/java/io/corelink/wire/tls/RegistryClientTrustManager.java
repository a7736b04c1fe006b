package io.corelink.wire.tls;

import io.corelink.domain.certificate.CertificateId;
import java.net.Socket;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Accepts a client certificate from any issuer (device certificates may come from any CA) when it is within its
 * validity dates and the registry knows it as {@code ACTIVE}; otherwise the handshake fails, so the client gets no
 * HTTP response at all, as from AWS; the refusal is logged at INFO on the access log with the certificate's id. It asks
 * the client for a certificate without naming any CA.
 */
public final class RegistryClientTrustManager extends X509ExtendedTrustManager {
    private static final Logger LOG = LoggerFactory.getLogger("corelink.access");
    private final Predicate<CertificateId> isActive;

    public RegistryClientTrustManager(Predicate<CertificateId> isActive) {
        this.isActive = isActive;
    }

    /** The registry id of a certificate: SHA-256 of its DER. */
    public static CertificateId idOf(X509Certificate certificate) {
        try {
            return CertificateId.ofDer(certificate.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("certificate cannot be encoded", e);
        }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        check(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        check(chain);
    }

    private void check(X509Certificate[] chain) throws CertificateException {
        if (chain == null || chain.length == 0) {
            LOG.info("data plane: TLS handshake refused: no client certificate");
            throw new CertificateException("a client certificate is required");
        }
        CertificateId id = idOf(chain[0]);
        try {
            chain[0].checkValidity();
        } catch (CertificateException e) {
            LOG.info("data plane: TLS handshake refused for certificate {}: outside its validity dates", id.value());
            throw e;
        }
        if (!isActive.test(id)) {
            LOG.info("data plane: TLS handshake refused for certificate {}: not an ACTIVE certificate of the "
                    + "registry", id.value());
            throw new CertificateException("not an active certificate of the registry");
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("server certificates are not checked here");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        throw new CertificateException("server certificates are not checked here");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        throw new CertificateException("server certificates are not checked here");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
