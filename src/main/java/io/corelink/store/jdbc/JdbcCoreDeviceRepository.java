package io.corelink.store.jdbc;

import org.jspecify.annotations.Nullable;
import io.corelink.domain.coredevice.ConnectivityEndpoint;
import io.corelink.domain.coredevice.CoreDevice;
import io.corelink.domain.coredevice.CoreDeviceStatus;
import io.corelink.domain.thing.ThingName;
import io.corelink.store.CoreDeviceRepository;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.StatementContext;

final class JdbcCoreDeviceRepository implements CoreDeviceRepository {
    private final Handle handle;
    private final SqlStatements sql;

    JdbcCoreDeviceRepository(Handle handle, SqlStatements sql) {
        this.handle = handle;
        this.sql = sql;
    }

    @Override
    public boolean registerIfAbsent(ThingName thing, Instant now) {
        return handle.createUpdate(sql.get("registerCoreDevice"))
                .bind("name", thing.value())
                .bind("now", now.toEpochMilli())
                .execute() > 0;
    }

    @Override
    public Optional<CoreDevice> find(ThingName thing) {
        return handle.createQuery(sql.get("findCoreDevice")).bind("name", thing.value())
                .map(JdbcCoreDeviceRepository::row).findOne();
    }

    @Override
    public List<CoreDevice> list(@Nullable CoreDeviceStatus status, Instant now, @Nullable ThingName after, int limit) {
        String statement = status == null ? "listCoreDevices"
                : status == CoreDeviceStatus.HEALTHY ? "listHealthyCoreDevices" : "listUnhealthyCoreDevices";
        return handle.createQuery(sql.get(statement))
                .bind("after", after == null ? "" : after.value())
                .bind("healthySince", CoreDevice.healthySince(now).toEpochMilli())
                .bind("limit", limit)
                .map(JdbcCoreDeviceRepository::row)
                .list();
    }

    @Override
    public boolean delete(ThingName thing) {
        handle.createUpdate(sql.get("deleteAssociationsOfCore")).bind("name", thing.value()).execute();
        return handle.createUpdate(sql.get("deleteCoreDevice")).bind("name", thing.value()).execute() > 0;
    }

    @Override
    public void markSeen(ThingName thing, Instant now) {
        handle.createUpdate(sql.get("markCoreDeviceSeen")).bind("name", thing.value()).bind("now", now.toEpochMilli())
                .execute();
    }

    @Override
    public void replaceConnectivity(ThingName thing, List<ConnectivityEndpoint> endpoints, String version) {
        handle.createUpdate(sql.get("deleteConnectivity")).bind("name", thing.value()).execute();
        if (!endpoints.isEmpty()) {
            PreparedBatch batch = handle.prepareBatch(sql.get("insertConnectivity"));
            for (int i = 0; i < endpoints.size(); i++) {
                ConnectivityEndpoint endpoint = endpoints.get(i);
                batch.bind("name", thing.value())
                        .bind("position", i)
                        .bind("id", endpoint.id())
                        .bind("hostAddress", endpoint.hostAddress())
                        .bind("portNumber", endpoint.portNumber())
                        .bind("metadata", endpoint.metadata())
                        .add();
            }
            batch.execute();
        }
        handle.createUpdate(sql.get("setConnectivityVersion")).bind("name", thing.value()).bind("version", version)
                .execute();
    }

    @Override
    public List<ConnectivityEndpoint> connectivity(ThingName thing) {
        return handle.createQuery(sql.get("findConnectivity")).bind("name", thing.value())
                .map((rs, ctx) -> new ConnectivityEndpoint(rs.getString(1), rs.getString(2), rs.getInt(3),
                        rs.getString(4)))
                .list();
    }

    @Override
    public void replaceCertificateAuthorities(ThingName thing, List<String> pems) {
        handle.createUpdate(sql.get("deleteCertificateAuthorities")).bind("name", thing.value()).execute();
        if (pems.isEmpty()) {
            return;
        }
        PreparedBatch batch = handle.prepareBatch(sql.get("insertCertificateAuthority"));
        for (int i = 0; i < pems.size(); i++) {
            batch.bind("name", thing.value()).bind("position", i).bind("pem", pems.get(i)).add();
        }
        batch.execute();
    }

    @Override
    public List<String> certificateAuthorities(ThingName thing) {
        return handle.createQuery(sql.get("findCertificateAuthorities")).bind("name", thing.value())
                .mapTo(String.class).list();
    }

    @Override
    public SortedMap<String, String> tags(ThingName thing) {
        SortedMap<String, String> tags = new TreeMap<>();
        handle.createQuery(sql.get("findTags")).bind("name", thing.value())
                .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getString(2)))
                .forEach(e -> tags.put(e.getKey(), e.getValue()));
        return tags;
    }

    @Override
    public void putTags(ThingName thing, Map<String, String> tags) {
        if (tags.isEmpty()) {
            return;
        }
        PreparedBatch batch = handle.prepareBatch(sql.get("upsertTag"));
        tags.forEach((key, value) -> batch.bind("name", thing.value()).bind("key", key).bind("value", value).add());
        batch.execute();
    }

    @Override
    public void removeTags(ThingName thing, Collection<String> keys) {
        if (keys.isEmpty()) {
            return;
        }
        handle.createUpdate(sql.get("deleteTags")).bind("name", thing.value()).bindList("keys", List.copyOf(keys))
                .execute();
    }

    private static CoreDevice row(ResultSet rs, StatementContext ctx) throws SQLException {
        long lastSeen = rs.getLong(3);
        Instant lastSeenAt = rs.wasNull() ? null : Instant.ofEpochMilli(lastSeen);
        return new CoreDevice(ThingName.of(rs.getString(1)), Instant.ofEpochMilli(rs.getLong(2)), lastSeenAt,
                rs.getString(4));
    }
}
