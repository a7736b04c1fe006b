package io.corelink.domain.certificate;

import org.jspecify.annotations.Nullable;
import java.time.Instant;
import java.util.Objects;

/**
 * A certificate of the registry: its PEM as registered or issued, its state, and the dates AWS IoT reports.
 *
 * @param caCertificateId the id of the CA that issued it when Corelink did (CreateKeysAndCertificate), else null
 */
public record Certificate(
        CertificateId id,
        String pem,
        CertificateStatus status,
        @Nullable CertificateId caCertificateId,
        Instant createdAt,
        Instant lastModifiedAt,
        Instant notBefore,
        Instant notAfter,
        String generationId,
        int customerVersion) {

    public Certificate {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(pem, "pem");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(lastModifiedAt, "lastModifiedAt");
        Objects.requireNonNull(notBefore, "notBefore");
        Objects.requireNonNull(notAfter, "notAfter");
        Objects.requireNonNull(generationId, "generationId");
    }

    /** The certificate in {@code newStatus}; a change of state is a new generation and customer version. */
    public Certificate withStatus(CertificateStatus newStatus, Instant now, String newGenerationId) {
        if (newStatus == status) {
            return this;
        }
        return new Certificate(id, pem, newStatus, caCertificateId, createdAt, now, notBefore, notAfter,
                newGenerationId, customerVersion + 1);
    }
}
