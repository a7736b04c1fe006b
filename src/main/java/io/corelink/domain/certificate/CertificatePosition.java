package io.corelink.domain.certificate;

import java.time.Instant;

/** A keyset position in the listing of certificates by creation date, then id: the last one a page ended with. */
public record CertificatePosition(Instant createdAt, CertificateId id) {
}
