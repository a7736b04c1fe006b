package io.corelink.store;

import org.jspecify.annotations.Nullable;
import io.corelink.domain.certificate.Certificate;
import io.corelink.domain.certificate.CertificateId;
import io.corelink.domain.certificate.CertificatePosition;
import java.util.List;
import java.util.Optional;

/** Certificates of the registry. */
public interface CertificateRepository {

    /** Stores the certificate; false, changing nothing, when one with that id exists. */
    boolean insertIfAbsent(Certificate certificate);

    Optional<Certificate> find(CertificateId id);

    /** Stores the state, modification date, generation and customer version of {@code certificate}. */
    void update(Certificate certificate);

    void delete(CertificateId id);

    /** Up to {@code limit} certificates after {@code after} (null: from the start) by creation date, then id. */
    List<Certificate> list(boolean ascending, @Nullable CertificatePosition after, int limit);
}
