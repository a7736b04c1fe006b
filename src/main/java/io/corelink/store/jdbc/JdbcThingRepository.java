package io.corelink.store.jdbc;

import org.jspecify.annotations.Nullable;
import io.corelink.domain.thing.Thing;
import io.corelink.domain.thing.ThingAttributes;
import io.corelink.domain.thing.ThingFilter;
import io.corelink.domain.thing.ThingName;
import io.corelink.store.ThingRepository;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.Query;

/** Things in two tables: {@code thing} and {@code thing_attribute}; a page of things costs two queries. */
final class JdbcThingRepository implements ThingRepository {
    private final Handle handle;
    private final SqlStatements sql;

    JdbcThingRepository(Handle handle, SqlStatements sql) {
        this.handle = handle;
        this.sql = sql;
    }

    @Override
    public Optional<Thing> find(ThingName name) {
        return Optional.ofNullable(withAttributes(
                handle.createQuery(sql.get("findThing")).bind("name", name.value()).map(JdbcThingRepository::row).list())
                .stream().findFirst().orElse(null));
    }

    @Override
    public Set<ThingName> existing(Collection<ThingName> names) {
        return namesAmong("findExistingThings", names);
    }

    @Override
    public Set<ThingName> missing(Collection<ThingName> names) {
        return namesAmong("findMissingThings", names);
    }

    /** The names of {@code names} that {@code statement} (over {@code :names}) selects. */
    private Set<ThingName> namesAmong(String statement, Collection<ThingName> names) {
        if (names.isEmpty()) {
            return Set.of();
        }
        return handle.createQuery(sql.get(statement))
                .bind("names", NameList.json(names))
                .mapTo(String.class)
                .collect(Collectors.mapping(ThingName::of, Collectors.toSet()));
    }

    @Override
    public boolean insertIfAbsent(Thing thing) {
        int inserted = handle.createUpdate(sql.get("insertThing"))
                .bind("name", thing.name().value())
                .bind("thingId", thing.thingId())
                .bind("version", thing.version())
                .bind("createdAt", thing.createdAt().toEpochMilli())
                .execute();
        if (inserted == 0) {
            return false;
        }
        insertAttributes(thing);
        return true;
    }

    @Override
    public boolean replace(Thing thing, long expectedStoredVersion) {
        int updated = handle.createUpdate(sql.get("updateThingVersion"))
                .bind("name", thing.name().value())
                .bind("version", thing.version())
                .bind("expectedVersion", expectedStoredVersion)
                .execute();
        if (updated == 0) {
            return false;
        }
        handle.createUpdate(sql.get("deleteAttributes")).bind("name", thing.name().value()).execute();
        insertAttributes(thing);
        return true;
    }

    @Override
    public boolean delete(ThingName name) {
        return handle.createUpdate(sql.get("deleteThing")).bind("name", name.value()).execute() > 0;
    }

    @Override
    public List<Thing> list(ThingFilter filter, @Nullable ThingName after, int limit) {
        Query query;
        if (filter.attributeName() == null) {
            query = handle.createQuery(sql.get("listThings"));
        } else if (filter.attributeValue() == null) {
            query = handle.createQuery(sql.get("listThingsHavingAttribute"));
        } else if (filter.valueIsPrefix()) {
            query = handle.createQuery(sql.get("listThingsWithAttributePrefix"))
                    .bind("attributeValue", filter.attributeValue())
                    .bind("prefixLength", filter.attributeValue().length());
        } else {
            query = handle.createQuery(sql.get("listThingsWithAttributeValue"))
                    .bind("attributeValue", filter.attributeValue());
        }
        if (filter.attributeName() != null) {
            query.bind("attributeName", filter.attributeName());
        }
        List<RawThing> rows = query
                .bind("after", after == null ? "" : after.value())
                .bind("limit", limit)
                .map(JdbcThingRepository::row)
                .list();
        return withAttributes(rows);
    }

    private void insertAttributes(Thing thing) {
        Map<String, String> attributes = thing.attributes().asMap();
        if (attributes.isEmpty()) {
            return;
        }
        PreparedBatch batch = handle.prepareBatch(sql.get("insertAttribute"));
        attributes.forEach((name, value) -> batch
                .bind("name", thing.name().value())
                .bind("attributeName", name)
                .bind("attributeValue", value)
                .add());
        batch.execute();
    }

    /** Loads the attributes of all {@code rows} in one query and assembles the things, keeping the row order. */
    private List<Thing> withAttributes(List<RawThing> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<String, Map<String, String>> attributes = new HashMap<>();
        handle.createQuery(sql.get("findAttributes"))
                .bindList("names", rows.stream().map(RawThing::name).toList())
                .map((rs, ctx) -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)})
                .forEach(a -> attributes.computeIfAbsent(a[0], k -> new TreeMap<>()).put(a[1], a[2]));
        List<Thing> things = new ArrayList<>(rows.size());
        for (RawThing row : rows) {
            things.add(new Thing(ThingName.of(row.name()), row.thingId(),
                    ThingAttributes.of(attributes.getOrDefault(row.name(), Map.of())),
                    row.version(), Instant.ofEpochMilli(row.createdAt())));
        }
        return things;
    }

    private static RawThing row(ResultSet rs, org.jdbi.v3.core.statement.StatementContext ctx) throws SQLException {
        return new RawThing(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4));
    }

    private record RawThing(String name, String thingId, long version, long createdAt) {
    }

}
