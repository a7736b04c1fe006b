package io.corelink.store.jdbc;

import org.jspecify.annotations.Nullable;
import io.corelink.domain.certificate.CertificateId;
import io.corelink.domain.iotpolicy.IotPolicy;
import io.corelink.domain.iotpolicy.PolicyName;
import io.corelink.domain.iotpolicy.PolicyPosition;
import io.corelink.domain.iotpolicy.PolicyVersion;
import io.corelink.store.IotPolicyRepository;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;

final class JdbcIotPolicyRepository implements IotPolicyRepository {
    private final Handle handle;
    private final SqlStatements sql;

    JdbcIotPolicyRepository(Handle handle, SqlStatements sql) {
        this.handle = handle;
        this.sql = sql;
    }

    @Override
    public boolean insertIfAbsent(PolicyName name, String document, Instant now, String generationId) {
        boolean inserted = handle.createUpdate(sql.get("insertIotPolicy"))
                .bind("name", name.value())
                .bind("now", now.toEpochMilli())
                .bind("generationId", generationId)
                .execute() > 0;
        if (inserted) {
            insertVersion(name, 1, document, now);
        }
        return inserted;
    }

    private void insertVersion(PolicyName name, int versionId, String document, Instant now) {
        handle.createUpdate(sql.get("insertIotPolicyVersion"))
                .bind("name", name.value())
                .bind("versionId", versionId)
                .bind("document", document)
                .bind("now", now.toEpochMilli())
                .execute();
    }

    @Override
    public Optional<IotPolicy> find(PolicyName name) {
        return handle.createQuery(sql.get("findIotPolicy")).bind("name", name.value())
                .map(JdbcIotPolicyRepository::policyRow).findOne();
    }

    @Override
    public List<IotPolicy> list(boolean ascending, @Nullable PolicyPosition after, int limit) {
        long afterCreatedAt = after != null ? after.createdAt().toEpochMilli() : ascending ? Long.MIN_VALUE
                : Long.MAX_VALUE;
        return handle.createQuery(sql.get(ascending ? "listIotPoliciesAscending" : "listIotPoliciesDescending"))
                .bind("afterCreatedAt", afterCreatedAt)
                .bind("afterName", after == null ? "" : after.name().value())
                .bind("limit", limit)
                .map(JdbcIotPolicyRepository::policyRow)
                .list();
    }

    @Override
    public boolean delete(PolicyName name) {
        handle.createUpdate(sql.get("deleteIotPolicyVersions")).bind("name", name.value()).execute();
        handle.createUpdate(sql.get("deleteAllIotPolicyTags")).bind("name", name.value()).execute();
        return handle.createUpdate(sql.get("deleteIotPolicy")).bind("name", name.value()).execute() > 0;
    }

    @Override
    public List<PolicyVersion> versions(PolicyName name) {
        return handle.createQuery(sql.get("findIotPolicyVersions")).bind("name", name.value())
                .map(JdbcIotPolicyRepository::versionRow).list();
    }

    @Override
    public Optional<PolicyVersion> version(PolicyName name, int versionId) {
        return handle.createQuery(sql.get("findIotPolicyVersion")).bind("name", name.value())
                .bind("versionId", versionId).map(JdbcIotPolicyRepository::versionRow).findOne();
    }

    @Override
    public int addVersion(PolicyName name, String document, boolean makeDefault, Instant now, String generationId) {
        int versionId = handle.createQuery(sql.get("nextIotPolicyVersionId")).bind("name", name.value())
                .mapTo(Integer.class).one();
        insertVersion(name, versionId, document, now);
        if (makeDefault) {
            setDefaultVersion(name, versionId, now, generationId);
        }
        return versionId;
    }

    @Override
    public void setDefaultVersion(PolicyName name, int versionId, Instant now, String generationId) {
        handle.createUpdate(sql.get("setIotPolicyDefaultVersion"))
                .bind("name", name.value())
                .bind("versionId", versionId)
                .bind("now", now.toEpochMilli())
                .bind("generationId", generationId)
                .execute();
    }

    @Override
    public boolean deleteVersion(PolicyName name, int versionId) {
        return handle.createUpdate(sql.get("deleteIotPolicyVersion")).bind("name", name.value())
                .bind("versionId", versionId).execute() > 0;
    }

    @Override
    public void attach(PolicyName name, CertificateId certificate, Instant now) {
        handle.createUpdate(sql.get("attachIotPolicy"))
                .bind("name", name.value())
                .bind("certificate", certificate.value())
                .bind("now", now.toEpochMilli())
                .execute();
    }

    @Override
    public boolean detach(PolicyName name, CertificateId certificate) {
        return handle.createUpdate(sql.get("detachIotPolicy")).bind("name", name.value())
                .bind("certificate", certificate.value()).execute() > 0;
    }

    @Override
    public List<PolicyName> policiesOf(CertificateId certificate, boolean ascending, @Nullable PolicyName after,
                                       int limit) {
        return handle.createQuery(sql.get(ascending ? "listIotPoliciesOfCertificateAscending"
                        : "listIotPoliciesOfCertificateDescending"))
                .bind("certificate", certificate.value())
                .bind("first", after == null)
                .bind("after", after == null ? "" : after.value())
                .bind("limit", limit)
                .map((rs, ctx) -> PolicyName.of(rs.getString(1)))
                .list();
    }

    @Override
    public List<CertificateId> targetsOf(PolicyName name, boolean ascending, @Nullable CertificateId after,
                                         int limit) {
        return handle.createQuery(sql.get(ascending ? "listIotPolicyTargetsAscending"
                        : "listIotPolicyTargetsDescending"))
                .bind("name", name.value())
                .bind("first", after == null)
                .bind("after", after == null ? "" : after.value())
                .bind("limit", limit)
                .map((rs, ctx) -> new CertificateId(rs.getString(1)))
                .list();
    }

    @Override
    public boolean isAttached(PolicyName name) {
        return handle.createQuery(sql.get("iotPolicyIsAttached")).bind("name", name.value())
                .mapTo(Boolean.class).one();
    }

    @Override
    public int countForCertificate(CertificateId certificate) {
        return handle.createQuery(sql.get("countIotPoliciesOfCertificate")).bind("certificate", certificate.value())
                .mapTo(Integer.class).one();
    }

    @Override
    public java.util.SortedMap<String, String> tags(PolicyName name) {
        java.util.SortedMap<String, String> tags = new java.util.TreeMap<>();
        handle.createQuery(sql.get("findIotPolicyTags")).bind("name", name.value())
                .map((rs, ctx) -> java.util.Map.entry(rs.getString(1), rs.getString(2)))
                .forEach(e -> tags.put(e.getKey(), e.getValue()));
        return tags;
    }

    @Override
    public void putTags(PolicyName name, java.util.Map<String, String> tags) {
        if (tags.isEmpty()) {
            return;
        }
        org.jdbi.v3.core.statement.PreparedBatch batch = handle.prepareBatch(sql.get("upsertIotPolicyTag"));
        tags.forEach((key, value) -> batch.bind("name", name.value()).bind("key", key).bind("value", value).add());
        batch.execute();
    }

    @Override
    public void removeTags(PolicyName name, java.util.Collection<String> keys) {
        if (keys.isEmpty()) {
            return;
        }
        handle.createUpdate(sql.get("deleteIotPolicyTags")).bind("name", name.value())
                .bindList("keys", List.copyOf(keys)).execute();
    }

    @Override
    public List<IotPolicy> attachedTo(CertificateId certificate) {
        return handle.createQuery(sql.get("findIotPoliciesAttachedTo")).bind("certificate", certificate.value())
                .map(JdbcIotPolicyRepository::policyRow).list();
    }

    private static IotPolicy policyRow(ResultSet rs, StatementContext ctx) throws SQLException {
        return new IotPolicy(PolicyName.of(rs.getString(1)), rs.getInt(2), rs.getString(3),
                Instant.ofEpochMilli(rs.getLong(4)), Instant.ofEpochMilli(rs.getLong(5)), rs.getString(6));
    }

    private static PolicyVersion versionRow(ResultSet rs, StatementContext ctx) throws SQLException {
        return new PolicyVersion(PolicyName.of(rs.getString(1)), rs.getInt(2), rs.getString(3), rs.getBoolean(4),
                Instant.ofEpochMilli(rs.getLong(5)));
    }
}
