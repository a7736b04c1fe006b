package io.corelink.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.corelink.domain.certificate.Certificate;
import io.corelink.domain.certificate.CertificateId;
import io.corelink.domain.certificate.CertificateStatus;
import io.corelink.domain.coredevice.ConnectivityEndpoint;
import io.corelink.domain.discovery.DiscoveredCore;
import io.corelink.domain.thing.Thing;
import io.corelink.domain.thing.ThingAttributes;
import io.corelink.domain.thing.ThingName;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link DiscoveryRepository} (the data plane's reads) and of the CA certificates of
 * {@link CoreDeviceRepository}, written once for every store.
 */
public interface DiscoveryRepositoryContract {

    Store store();

    private static ThingName name(String value) {
        return ThingName.of(value);
    }

    private static Certificate certificate(char fill, CertificateStatus status) {
        Instant at = Instant.ofEpochMilli(1_000);
        return new Certificate(new CertificateId(String.valueOf(fill).repeat(64)), "PEM-" + fill, status, null, at, at,
                at, at.plusSeconds(3600), "gen-1", 1);
    }

    private void things(String... names) {
        store().write(tx -> {
            for (String thing : names) {
                tx.things().insertIfAbsent(new Thing(name(thing), UUID.randomUUID().toString(), ThingAttributes.NONE,
                        1, Instant.EPOCH));
            }
            return null;
        });
    }

    @Test
    default void aCertificatesThings_andWhichOfThemAreCoreDevices() {
        things("dr:core", "dr-device", "dr-other");
        CertificateId id = certificate('e', CertificateStatus.ACTIVE).id();
        store().write(tx -> {
            tx.certificates().insertIfAbsent(certificate('e', CertificateStatus.ACTIVE));
            tx.certificates().insertIfAbsent(certificate('f', CertificateStatus.INACTIVE));
            tx.principals().attach(name("dr:core"), id, false, Instant.EPOCH);
            tx.principals().attach(name("dr-device"), id, false, Instant.EPOCH);
            tx.principals().attach(name("dr-device"), certificate('f', CertificateStatus.INACTIVE).id(), false,
                    Instant.EPOCH);
            tx.coreDevices().registerIfAbsent(name("dr:core"), Instant.EPOCH);
            return null;
        });
        assertThat(store().<Set<ThingName>>read(tx -> tx.discovery().thingsOf(id)))
                .containsExactlyInAnyOrder(name("dr:core"), name("dr-device"));
        assertThat(store().<Set<ThingName>>read(tx -> tx.discovery().coreDevicesAmong(Set.of(name("dr:core"),
                name("dr-device"), name("dr-other"))))).containsExactly(name("dr:core"));
        assertThat(store().<Set<ThingName>>read(tx -> tx.discovery().coreDevicesAmong(Set.of()))).isEmpty();
        SortedMap<CertificateId, CertificateStatus> both = store().read(tx -> tx.discovery()
                .certificatesOf(name("dr-device")));
        assertThat(both).as("any status, by id").containsExactly(Map.entry(id, CertificateStatus.ACTIVE),
                Map.entry(certificate('f', CertificateStatus.INACTIVE).id(), CertificateStatus.INACTIVE));
        assertThat(store().<SortedMap<CertificateId, CertificateStatus>>read(tx -> tx.discovery()
                .certificatesOf(name("dr:core")))).containsOnlyKeys(id);
        assertThat(store().<Set<ThingName>>read(tx -> tx.discovery().thingsOf(new CertificateId("9".repeat(64)))))
                .isEmpty();
    }

    @Test
    default void aClientsCores_byName_withConnectivityAndCasInTheOrderTheyWereSet() {
        things("dr:core-b", "dr:core-a", "dr:core-none", "dr-client", "dr-alone");
        store().write(tx -> {
            for (String core : List.of("dr:core-b", "dr:core-a", "dr:core-none")) {
                tx.coreDevices().registerIfAbsent(name(core), Instant.EPOCH);
                tx.associations().associate(name(core), List.of(name("dr-client")), Instant.EPOCH);
            }
            tx.coreDevices().replaceConnectivity(name("dr:core-a"), List.of(
                    new ConnectivityEndpoint("z", "10.0.0.9", 8883, ""),
                    new ConnectivityEndpoint("a", "core-a.local", 443, "m")), "v1");
            tx.coreDevices().replaceCertificateAuthorities(name("dr:core-a"), List.of("PEM-2", "PEM-1"));
            tx.coreDevices().replaceConnectivity(name("dr:core-b"), List.of(
                    new ConnectivityEndpoint("only", "10.0.0.2", 8883, null)), "v1");
            return null;
        });

        List<DiscoveredCore> cores = store().read(tx -> tx.discovery().coresOf(name("dr-client")));

        assertThat(cores).extracting(c -> c.core().value()).containsExactly("dr:core-a", "dr:core-b",
                "dr:core-none");
        assertThat(cores.get(0).connectivity()).extracting(ConnectivityEndpoint::id).containsExactly("z", "a");
        assertThat(cores.get(0).certificateAuthorities()).containsExactly("PEM-2", "PEM-1");
        assertThat(cores.get(0).qualifies()).isTrue();
        assertThat(cores.get(1).qualifies()).as("no CA").isFalse();
        assertThat(cores.get(2).connectivity()).isEmpty();
        assertThat(store().<List<DiscoveredCore>>read(tx -> tx.discovery().coresOf(name("dr-alone")))).isEmpty();

        store().write(tx -> {
            tx.coreDevices().replaceCertificateAuthorities(name("dr:core-a"), List.of("PEM-3"));
            return null;
        });
        assertThat(store().<List<String>>read(tx -> tx.coreDevices().certificateAuthorities(name("dr:core-a"))))
                .as("replaced, not added").containsExactly("PEM-3");
        store().write(tx -> tx.coreDevices().delete(name("dr:core-a")));
        assertThat(store().<List<DiscoveredCore>>read(tx -> tx.discovery().coresOf(name("dr-client"))))
                .as("a deleted core device takes its associations, connectivity and CAs with it")
                .extracting(c -> c.core().value()).containsExactly("dr:core-b", "dr:core-none");
        assertThat(store().<List<String>>read(tx -> tx.coreDevices().certificateAuthorities(name("dr:core-a"))))
                .isEmpty();
    }
}
