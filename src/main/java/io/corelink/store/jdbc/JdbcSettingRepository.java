package io.corelink.store.jdbc;

import io.corelink.store.SettingRepository;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

final class JdbcSettingRepository implements SettingRepository {
    private final Handle handle;
    private final SqlStatements sql;

    JdbcSettingRepository(Handle handle, SqlStatements sql) {
        this.handle = handle;
        this.sql = sql;
    }

    @Override
    public Optional<String> find(String name) {
        return handle.createQuery(sql.get("findSetting")).bind("name", name).mapTo(String.class).findOne();
    }

    @Override
    public String putIfAbsent(String name, String value) {
        handle.createUpdate(sql.get("insertSettingIfAbsent")).bind("name", name).bind("value", value).execute();
        return find(name).orElseThrow();
    }
}
