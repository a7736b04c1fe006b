package io.corelink.store.jdbc;

import org.jspecify.annotations.Nullable;
import io.corelink.domain.certificate.CertificateId;
import io.corelink.domain.thing.ThingName;
import io.corelink.store.PrincipalRepository;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Handle;

final class JdbcPrincipalRepository implements PrincipalRepository {
    private final Handle handle;
    private final SqlStatements sql;

    JdbcPrincipalRepository(Handle handle, SqlStatements sql) {
        this.handle = handle;
        this.sql = sql;
    }

    @Override
    public void attach(ThingName thing, CertificateId certificate, boolean exclusive, Instant now) {
        handle.createUpdate(sql.get("attachPrincipal"))
                .bind("thing", thing.value())
                .bind("certificate", certificate.value())
                .bind("exclusive", exclusive)
                .bind("now", now.toEpochMilli())
                .execute();
    }

    @Override
    public boolean detach(ThingName thing, CertificateId certificate) {
        return handle.createUpdate(sql.get("detachPrincipal"))
                .bind("thing", thing.value())
                .bind("certificate", certificate.value())
                .execute() > 0;
    }

    @Override
    public List<Attachment> attachments(CertificateId certificate) {
        return handle.createQuery(sql.get("findAttachments"))
                .bind("certificate", certificate.value())
                .map((rs, ctx) -> new Attachment(ThingName.of(rs.getString(1)), rs.getBoolean(3)))
                .list();
    }

    @Override
    public int countForThing(ThingName thing) {
        return handle.createQuery(sql.get("countPrincipalsOfThing")).bind("thing", thing.value())
                .mapTo(Integer.class).one();
    }

    @Override
    public List<CertificateId> listForThing(ThingName thing, @Nullable CertificateId after, int limit) {
        return handle.createQuery(sql.get("listPrincipalsOfThing"))
                .bind("thing", thing.value())
                .bind("after", after == null ? "" : after.value())
                .bind("limit", limit)
                .map((rs, ctx) -> new CertificateId(rs.getString(1)))
                .list();
    }

    @Override
    public List<ThingName> listThings(CertificateId certificate, @Nullable ThingName after, int limit) {
        return handle.createQuery(sql.get("listThingsOfPrincipal"))
                .bind("certificate", certificate.value())
                .bind("after", after == null ? "" : after.value())
                .bind("limit", limit)
                .map((rs, ctx) -> ThingName.of(rs.getString(1)))
                .list();
    }
}
