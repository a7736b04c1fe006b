package io.corelink.store.jdbc;

import io.corelink.domain.certificate.CertificateId;
import io.corelink.domain.certificate.CertificateStatus;
import io.corelink.domain.coredevice.ConnectivityEndpoint;
import io.corelink.domain.discovery.DiscoveredCore;
import io.corelink.domain.thing.ThingName;
import io.corelink.store.DiscoveryRepository;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;

/** Discovery in three queries: the client's cores, their connectivity, their CAs. */
final class JdbcDiscoveryRepository implements DiscoveryRepository {
    private final Handle handle;
    private final SqlStatements sql;

    JdbcDiscoveryRepository(Handle handle, SqlStatements sql) {
        this.handle = handle;
        this.sql = sql;
    }

    @Override
    public Set<ThingName> thingsOf(CertificateId certificate) {
        return handle.createQuery(sql.get("findThingsOfCertificate")).bind("certificate", certificate.value())
                .mapTo(String.class).collect(Collectors.mapping(ThingName::of, Collectors.toSet()));
    }

    @Override
    public Set<ThingName> coreDevicesAmong(Set<ThingName> things) {
        if (things.isEmpty()) {
            return Set.of();
        }
        return handle.createQuery(sql.get("findCoreDevicesAmong"))
                .bindList("names", things.stream().map(ThingName::value).toList())
                .mapTo(String.class).collect(Collectors.mapping(ThingName::of, Collectors.toSet()));
    }

    @Override
    public SortedMap<CertificateId, CertificateStatus> certificatesOf(ThingName thing) {
        SortedMap<CertificateId, CertificateStatus> certificates = new TreeMap<>();
        handle.createQuery(sql.get("findCertificatesOfThing")).bind("thing", thing.value())
                .map((rs, ctx) -> Map.entry(new CertificateId(rs.getString(1)), CertificateStatus.valueOf(rs.getString(2))))
                .forEach(e -> certificates.put(e.getKey(), e.getValue()));
        return certificates;
    }

    @Override
    public List<DiscoveredCore> coresOf(ThingName client) {
        List<String> cores = handle.createQuery(sql.get("findCoresOfClient")).bind("client", client.value())
                .mapTo(String.class).list();
        if (cores.isEmpty()) {
            return List.of();
        }
        Map<String, List<ConnectivityEndpoint>> connectivity = new HashMap<>();
        handle.createQuery(sql.get("findConnectivityOfCores")).bindList("names", cores)
                .map((rs, ctx) -> Map.entry(rs.getString(1), new ConnectivityEndpoint(rs.getString(2), rs.getString(3),
                        rs.getInt(4), rs.getString(5))))
                .forEach(e -> connectivity.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
        Map<String, List<String>> authorities = new HashMap<>();
        handle.createQuery(sql.get("findCertificateAuthoritiesOfCores")).bindList("names", cores)
                .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getString(2)))
                .forEach(e -> authorities.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
        List<DiscoveredCore> result = new ArrayList<>(cores.size());
        for (String core : cores) {
            result.add(new DiscoveredCore(ThingName.of(core), connectivity.getOrDefault(core, List.of()),
                    authorities.getOrDefault(core, List.of())));
        }
        return result;
    }
}
