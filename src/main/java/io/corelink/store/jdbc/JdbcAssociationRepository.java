package io.corelink.store.jdbc;

import org.jspecify.annotations.Nullable;
import io.corelink.domain.association.AssociatedClientDevice;
import io.corelink.domain.thing.ThingName;
import io.corelink.store.AssociationRepository;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;

final class JdbcAssociationRepository implements AssociationRepository {
    private final Handle handle;
    private final SqlStatements sql;

    JdbcAssociationRepository(Handle handle, SqlStatements sql) {
        this.handle = handle;
        this.sql = sql;
    }

    @Override
    public void associate(ThingName core, Collection<ThingName> clients, Instant now) {
        if (clients.isEmpty()) {
            return;
        }
        handle.createUpdate(sql.get("insertAssociations"))
                .bind("core", core.value())
                .bind("names", NameList.json(clients))
                .bind("now", now.toEpochMilli())
                .execute();
    }

    @Override
    public Set<ThingName> associatedAmong(ThingName core, Collection<ThingName> clients) {
        if (clients.isEmpty()) {
            return Set.of();
        }
        return handle.createQuery(sql.get("findAssociatedAmong"))
                .bind("core", core.value())
                .bind("names", NameList.json(clients))
                .mapTo(String.class)
                .collect(Collectors.mapping(ThingName::of, Collectors.toSet()));
    }

    @Override
    public void disassociate(ThingName core, Collection<ThingName> clients) {
        if (clients.isEmpty()) {
            return;
        }
        handle.createUpdate(sql.get("deleteAssociations"))
                .bind("core", core.value())
                .bind("names", NameList.json(clients))
                .execute();
    }

    @Override
    public List<AssociatedClientDevice> list(ThingName core, @Nullable ThingName after, int limit) {
        return handle.createQuery(sql.get("listAssociations"))
                .bind("core", core.value())
                .bind("after", after == null ? "" : after.value())
                .bind("limit", limit)
                .map((rs, ctx) -> new AssociatedClientDevice(ThingName.of(rs.getString(1)),
                        Instant.ofEpochMilli(rs.getLong(2))))
                .list();
    }
}
