package io.corelink.domain.certificate;

import io.corelink.domain.error.InvalidCertificateException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;

/** A well-formed X.509 certificate read from PEM, with the facts the registry keeps about it. */
public record ParsedCertificate(CertificateId id, X509Certificate certificate, Instant notBefore, Instant notAfter) {

    /**
     * Reads the first certificate of a PEM text.
     *
     * @throws InvalidCertificateException when the text holds no well-formed X.509 certificate
     */
    public static ParsedCertificate fromPem(String pem) {
        if (pem == null || !pem.contains("-----BEGIN CERTIFICATE-----")) {
            throw new InvalidCertificateException("The certificate is not a PEM-encoded X.509 certificate.");
        }
        try {
            X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
            return new ParsedCertificate(CertificateId.ofDer(certificate.getEncoded()), certificate,
                    certificate.getNotBefore().toInstant(), certificate.getNotAfter().toInstant());
        } catch (CertificateException | RuntimeException e) {
            throw new InvalidCertificateException("The certificate is not a well-formed X.509 certificate.");
        }
    }
}
