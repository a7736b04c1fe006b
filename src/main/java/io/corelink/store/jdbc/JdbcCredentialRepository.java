package io.corelink.store.jdbc;

import io.corelink.store.CredentialRepository;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

final class JdbcCredentialRepository implements CredentialRepository {
    private final Handle handle;
    private final SqlStatements sql;

    JdbcCredentialRepository(Handle handle, SqlStatements sql) {
        this.handle = handle;
        this.sql = sql;
    }

    @Override
    public Optional<String> secretOf(String accessKeyId) {
        return handle.createQuery(sql.get("findSecret")).bind("accessKeyId", accessKeyId).mapTo(String.class).findOne();
    }

    @Override
    public Optional<String> administratorKeyId() {
        return handle.createQuery(sql.get("findAdministratorKeyId")).mapTo(String.class).findOne();
    }

    @Override
    public void replaceAdministratorKey(String accessKeyId, String secretAccessKey, Instant now) {
        handle.createUpdate(sql.get("deleteOtherAdministratorKeys")).bind("accessKeyId", accessKeyId).execute();
        handle.createUpdate(sql.get("upsertAdministratorKey"))
                .bind("accessKeyId", accessKeyId)
                .bind("secret", secretAccessKey)
                .bind("createdAt", now.toEpochMilli())
                .execute();
    }

    @Override
    public boolean insertAdministratorKeyIfAbsent(String accessKeyId, String secretAccessKey, Instant now) {
        return handle.createUpdate(sql.get("insertAdministratorKeyIfAbsent"))
                .bind("accessKeyId", accessKeyId)
                .bind("secret", secretAccessKey)
                .bind("createdAt", now.toEpochMilli())
                .execute() > 0;
    }
}
