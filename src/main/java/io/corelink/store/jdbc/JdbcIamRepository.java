package io.corelink.store.jdbc;

import io.corelink.domain.iam.AccessKeyInfo;
import io.corelink.domain.iam.AccessKeyStatus;
import io.corelink.domain.iam.IamUser;
import io.corelink.domain.iam.IdentityPolicy;
import io.corelink.domain.iam.KeyOwner;
import io.corelink.domain.iam.ManagedPolicy;
import io.corelink.domain.iam.ManagedPolicyVersion;
import io.corelink.store.IamRepository;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.Query;
import org.jspecify.annotations.Nullable;

final class JdbcIamRepository implements IamRepository {
    private final Handle handle;
    private final SqlStatements sql;

    JdbcIamRepository(Handle handle, SqlStatements sql) {
        this.handle = handle;
        this.sql = sql;
    }

    /** IAM names are unique whatever their case; rows are keyed by this form. */
    static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    @Override
    public boolean insertUser(IamUser user) {
        return handle.createUpdate(sql.get("insertIamUser"))
                .bind("key", key(user.name()))
                .bind("name", user.name())
                .bind("userId", user.userId())
                .bind("path", user.path())
                .bind("createdAt", user.createdAt().toEpochMilli())
                .execute() > 0;
    }

    @Override
    public Optional<IamUser> findUser(String userName) {
        return handle.createQuery(sql.get("findIamUser")).bind("key", key(userName))
                .map((rs, ctx) -> user(rs, 1)).findOne();
    }

    @Override
    public List<IamUser> listUsers(String pathPrefix, @Nullable String after, int limit) {
        return page(handle.createQuery(sql.get("listIamUsers")), pathPrefix, after, limit)
                .map((rs, ctx) -> user(rs, 1)).list();
    }

    @Override
    public void deleteUser(String userName) {
        handle.createUpdate(sql.get("deleteIamUserTags")).bind("key", key(userName)).execute();
        handle.createUpdate(sql.get("deleteIamUser")).bind("key", key(userName)).execute();
    }

    @Override
    public int[] dependents(String userName) {
        return handle.createQuery(sql.get("countIamUserDependents")).bind("key", key(userName))
                .map((rs, ctx) -> new int[] {rs.getInt(1), rs.getInt(2), rs.getInt(3)}).one();
    }

    @Override
    public Map<String, String> userTags(String userName) {
        return tags(handle.createQuery(sql.get("findIamUserTags")).bind("key", key(userName)));
    }

    @Override
    public void putUserTags(String userName, Map<String, String> tags) {
        if (tags.isEmpty()) {
            return;
        }
        PreparedBatch batch = handle.prepareBatch(sql.get("upsertIamUserTag"));
        tags.forEach((tagKey, value) -> batch.bind("key", key(userName)).bind("tagKey", tagKey)
                .bind("tagValue", value).add());
        batch.execute();
    }

    @Override
    public void insertAccessKey(String userName, String accessKeyId, String secret, Instant createdAt) {
        handle.createUpdate(sql.get("insertIamAccessKey"))
                .bind("accessKeyId", accessKeyId)
                .bind("secret", secret)
                .bind("createdAt", createdAt.toEpochMilli())
                .bind("key", key(userName))
                .execute();
    }

    @Override
    public List<AccessKeyInfo> listAccessKeys(String userName) {
        return handle.createQuery(sql.get("listIamAccessKeys")).bind("key", key(userName))
                .map((rs, ctx) -> new AccessKeyInfo(rs.getString(1), rs.getString(2),
                        AccessKeyStatus.valueOf(rs.getString(3)), Instant.ofEpochMilli(rs.getLong(4))))
                .list();
    }

    @Override
    public boolean updateAccessKey(String userName, String accessKeyId, AccessKeyStatus status) {
        return handle.createUpdate(sql.get("updateIamAccessKey")).bind("key", key(userName))
                .bind("accessKeyId", accessKeyId).bind("status", status.name()).execute() > 0;
    }

    @Override
    public boolean deleteAccessKey(String userName, String accessKeyId) {
        return handle.createUpdate(sql.get("deleteIamAccessKey")).bind("key", key(userName))
                .bind("accessKeyId", accessKeyId).execute() > 0;
    }

    @Override
    public Optional<KeyOwner> activeKey(String accessKeyId) {
        record Row(String secret, @Nullable IamUser user) {
        }
        Optional<Row> row = handle.createQuery(sql.get("findActiveKey")).bind("accessKeyId", accessKeyId)
                .map((rs, ctx) -> new Row(rs.getString(1), rs.getString(2) == null ? null : user(rs, 2)))
                .findOne();
        return row.map(found -> {
            IamUser user = found.user();
            List<IdentityPolicy> policies = user == null ? List.of()
                    : handle.createQuery(sql.get("findIdentityPolicies")).bind("key", key(user.name()))
                            .map((rs, ctx) -> new IdentityPolicy(rs.getString(1), rs.getString(2))).list();
            return new KeyOwner(accessKeyId, found.secret(), user, policies);
        });
    }

    @Override
    public void putUserPolicy(String userName, String policyName, String document) {
        handle.createUpdate(sql.get("upsertIamUserPolicy")).bind("key", key(userName))
                .bind("policyKey", key(policyName)).bind("policyName", policyName).bind("document", document)
                .execute();
    }

    @Override
    public Optional<String[]> findUserPolicy(String userName, String policyName) {
        return handle.createQuery(sql.get("findIamUserPolicy")).bind("key", key(userName))
                .bind("policyKey", key(policyName))
                .map((rs, ctx) -> new String[] {rs.getString(1), rs.getString(2)}).findOne();
    }

    @Override
    public List<String> listUserPolicyNames(String userName, @Nullable String after, int limit) {
        return handle.createQuery(sql.get("listIamUserPolicyNames")).bind("key", key(userName))
                .bind("after", after == null ? "" : after).bind("limit", limit).mapTo(String.class).list();
    }

    @Override
    public List<IdentityPolicy> inlinePolicies(String userName) {
        return handle.createQuery(sql.get("findIamInlinePolicies")).bind("key", key(userName))
                .map((rs, ctx) -> new IdentityPolicy(rs.getString(1), rs.getString(2))).list();
    }

    @Override
    public boolean deleteUserPolicy(String userName, String policyName) {
        return handle.createUpdate(sql.get("deleteIamUserPolicy")).bind("key", key(userName))
                .bind("policyKey", key(policyName)).execute() > 0;
    }

    @Override
    public boolean insertPolicy(ManagedPolicy policy, String document, Map<String, String> tags) {
        boolean inserted = handle.createUpdate(sql.get("insertIamPolicy"))
                .bind("policyKey", key(policy.name()))
                .bind("policyName", policy.name())
                .bind("policyId", policy.policyId())
                .bind("path", policy.path())
                .bind("description", policy.description())
                .bind("createdAt", policy.createdAt().toEpochMilli())
                .execute() > 0;
        if (!inserted) {
            return false;
        }
        insertVersion(policy.name(), 1, document, policy.createdAt());
        if (!tags.isEmpty()) {
            PreparedBatch batch = handle.prepareBatch(sql.get("insertIamPolicyTag"));
            tags.forEach((tagKey, value) -> batch.bind("policyKey", key(policy.name())).bind("tagKey", tagKey)
                    .bind("tagValue", value).add());
            batch.execute();
        }
        return true;
    }

    private void insertVersion(String policyName, int version, String document, Instant now) {
        handle.createUpdate(sql.get("insertIamPolicyVersion")).bind("policyKey", key(policyName))
                .bind("version", version).bind("document", document).bind("now", now.toEpochMilli()).execute();
    }

    @Override
    public Optional<ManagedPolicy> findPolicy(String policyName) {
        return handle.createQuery(sql.get("findIamPolicy")).bind("policyKey", key(policyName))
                .map((rs, ctx) -> policy(rs)).findOne();
    }

    @Override
    public Map<String, String> policyTags(String policyName) {
        return tags(handle.createQuery(sql.get("findIamPolicyTags")).bind("policyKey", key(policyName)));
    }

    @Override
    public List<ManagedPolicy> listPolicies(String pathPrefix, boolean onlyAttached, @Nullable String after,
                                            int limit) {
        return page(handle.createQuery(sql.get("listIamPolicies")), pathPrefix, after, limit)
                .bind("onlyAttached", onlyAttached).map((rs, ctx) -> policy(rs)).list();
    }

    @Override
    public void deletePolicy(String policyName) {
        handle.createUpdate(sql.get("deleteIamPolicy")).bind("policyKey", key(policyName)).execute();
    }

    @Override
    public List<ManagedPolicyVersion> policyVersions(String policyName) {
        return handle.createQuery(sql.get("findIamPolicyVersions")).bind("policyKey", key(policyName))
                .map((rs, ctx) -> new ManagedPolicyVersion(rs.getInt(1), rs.getString(2), rs.getBoolean(3),
                        Instant.ofEpochMilli(rs.getLong(4))))
                .list();
    }

    @Override
    public int insertPolicyVersion(String policyName, String document, Instant now) {
        int version = handle.createQuery(sql.get("nextIamPolicyVersion")).bind("policyKey", key(policyName))
                .mapTo(Integer.class).one();
        insertVersion(policyName, version, document, now);
        return version;
    }

    @Override
    public void setDefaultPolicyVersion(String policyName, int version, Instant now) {
        handle.createUpdate(sql.get("setIamPolicyDefaultVersion")).bind("policyKey", key(policyName))
                .bind("version", version).bind("now", now.toEpochMilli()).execute();
    }

    @Override
    public boolean deletePolicyVersion(String policyName, int version) {
        return handle.createUpdate(sql.get("deleteIamPolicyVersion")).bind("policyKey", key(policyName))
                .bind("version", version).execute() > 0;
    }

    @Override
    public boolean attachUserPolicy(String userName, String policyName) {
        return handle.createUpdate(sql.get("attachIamUserPolicy")).bind("key", key(userName))
                .bind("policyKey", key(policyName)).execute() > 0;
    }

    @Override
    public boolean detachUserPolicy(String userName, String policyName) {
        return handle.createUpdate(sql.get("detachIamUserPolicy")).bind("key", key(userName))
                .bind("policyKey", key(policyName)).execute() > 0;
    }

    @Override
    public List<ManagedPolicy> attachedPolicies(String userName, String pathPrefix, @Nullable String after,
                                                int limit) {
        return page(handle.createQuery(sql.get("listIamAttachedPolicies")), pathPrefix, after, limit)
                .bind("key", key(userName)).map((rs, ctx) -> policy(rs)).list();
    }

    private static Query page(Query query, String pathPrefix, @Nullable String after, int limit) {
        return query.bind("prefix", pathPrefix).bind("prefixLength", pathPrefix.length())
                .bind("after", after == null ? "" : after).bind("limit", limit);
    }

    private static Map<String, String> tags(Query query) {
        Map<String, String> tags = new LinkedHashMap<>();
        query.map((rs, ctx) -> Map.entry(rs.getString(1), rs.getString(2)))
                .forEach(e -> tags.put(e.getKey(), e.getValue()));
        return tags;
    }

    private static IamUser user(ResultSet rs, int first) throws SQLException {
        return new IamUser(rs.getString(first), rs.getString(first + 1), rs.getString(first + 2),
                Instant.ofEpochMilli(rs.getLong(first + 3)));
    }

    private static ManagedPolicy policy(ResultSet rs) throws SQLException {
        return new ManagedPolicy(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5),
                rs.getInt(6), Instant.ofEpochMilli(rs.getLong(7)), Instant.ofEpochMilli(rs.getLong(8)));
    }
}
