package io.corelink.store.jdbc;

import org.jspecify.annotations.Nullable;
import io.corelink.domain.certificate.CertificatePosition;
import io.corelink.domain.certificate.Certificate;
import io.corelink.domain.certificate.CertificateId;
import io.corelink.domain.certificate.CertificateStatus;
import io.corelink.store.CertificateRepository;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;

final class JdbcCertificateRepository implements CertificateRepository {
    /** Sorts after every real id, so that a descending listing can start after it. */
    private static final String AFTER_EVERY_ID = "g";

    private final Handle handle;
    private final SqlStatements sql;

    JdbcCertificateRepository(Handle handle, SqlStatements sql) {
        this.handle = handle;
        this.sql = sql;
    }

    @Override
    public boolean insertIfAbsent(Certificate c) {
        return handle.createUpdate(sql.get("insertCertificate"))
                .bind("id", c.id().value())
                .bind("pem", c.pem())
                .bind("status", c.status().name())
                .bind("caId", c.caCertificateId() == null ? null : c.caCertificateId().value())
                .bind("createdAt", c.createdAt().toEpochMilli())
                .bind("lastModifiedAt", c.lastModifiedAt().toEpochMilli())
                .bind("notBefore", c.notBefore().toEpochMilli())
                .bind("notAfter", c.notAfter().toEpochMilli())
                .bind("generationId", c.generationId())
                .bind("customerVersion", c.customerVersion())
                .execute() > 0;
    }

    @Override
    public Optional<Certificate> find(CertificateId id) {
        return handle.createQuery(sql.get("findCertificate")).bind("id", id.value())
                .map(JdbcCertificateRepository::row).findOne();
    }

    @Override
    public void update(Certificate c) {
        handle.createUpdate(sql.get("updateCertificate"))
                .bind("id", c.id().value())
                .bind("status", c.status().name())
                .bind("lastModifiedAt", c.lastModifiedAt().toEpochMilli())
                .bind("generationId", c.generationId())
                .bind("customerVersion", c.customerVersion())
                .execute();
    }

    @Override
    public void delete(CertificateId id) {
        handle.createUpdate(sql.get("deleteCertificate")).bind("id", id.value()).execute();
    }

    @Override
    public List<Certificate> list(boolean ascending, @Nullable CertificatePosition after, int limit) {
        long afterCreatedAt = after != null ? after.createdAt().toEpochMilli() : ascending ? Long.MIN_VALUE : Long.MAX_VALUE;
        String afterId = after != null ? after.id().value() : ascending ? "" : AFTER_EVERY_ID;
        return handle.createQuery(sql.get(ascending ? "listCertificatesAscending" : "listCertificatesDescending"))
                .bind("afterCreatedAt", afterCreatedAt)
                .bind("afterId", afterId)
                .bind("limit", limit)
                .map(JdbcCertificateRepository::row)
                .list();
    }

    private static Certificate row(ResultSet rs, StatementContext ctx) throws SQLException {
        String caId = rs.getString(4);
        return new Certificate(new CertificateId(rs.getString(1)), rs.getString(2),
                CertificateStatus.valueOf(rs.getString(3)), caId == null ? null : new CertificateId(caId),
                Instant.ofEpochMilli(rs.getLong(5)), Instant.ofEpochMilli(rs.getLong(6)),
                Instant.ofEpochMilli(rs.getLong(7)), Instant.ofEpochMilli(rs.getLong(8)), rs.getString(9), rs.getInt(10));
    }
}
