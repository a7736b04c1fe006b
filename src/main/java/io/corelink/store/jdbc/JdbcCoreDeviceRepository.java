package io.corelink.store.jdbc;

import io.corelink.domain.thing.ThingName;
import io.corelink.store.CoreDeviceRepository;
import java.time.Instant;
import org.jdbi.v3.core.Handle;

final class JdbcCoreDeviceRepository implements CoreDeviceRepository {
    private final Handle handle;
    private final SqlStatements sql;

    JdbcCoreDeviceRepository(Handle handle, SqlStatements sql) {
        this.handle = handle;
        this.sql = sql;
    }

    @Override
    public void registerIfAbsent(ThingName thing, Instant now) {
        handle.createUpdate(sql.get("registerCoreDevice"))
                .bind("name", thing.value())
                .bind("now", now.toEpochMilli())
                .execute();
    }
}
