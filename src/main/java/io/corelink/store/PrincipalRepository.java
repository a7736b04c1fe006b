package io.corelink.store;

import org.jspecify.annotations.Nullable;
import io.corelink.domain.certificate.CertificateId;
import io.corelink.domain.thing.ThingName;
import java.time.Instant;
import java.util.List;

/** Certificates attached to things (AWS IoT "thing principals"). */
public interface PrincipalRepository {

    /** One attachment of a certificate. */
    record Attachment(ThingName thing, boolean exclusive) {
    }

    /** Attaches (again: the exclusivity is updated). */
    void attach(ThingName thing, CertificateId certificate, boolean exclusive, Instant now);

    /** Returns whether the attachment existed. */
    boolean detach(ThingName thing, CertificateId certificate);

    /** The things {@code certificate} is attached to, by name. */
    List<Attachment> attachments(CertificateId certificate);

    int countForThing(ThingName thing);

    /** Up to {@code limit} certificates of {@code thing} after {@code after} (null: from the first), by id. */
    List<CertificateId> listForThing(ThingName thing, @Nullable CertificateId after, int limit);

    /** Up to {@code limit} things of {@code certificate} after {@code after} (null: from the first), by name. */
    List<ThingName> listThings(CertificateId certificate, @Nullable ThingName after, int limit);
}
