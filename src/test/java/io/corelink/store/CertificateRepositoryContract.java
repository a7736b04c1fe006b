package io.corelink.store;

import io.corelink.domain.certificate.CertificatePosition;
import static org.assertj.core.api.Assertions.assertThat;

import io.corelink.domain.certificate.Certificate;
import io.corelink.domain.certificate.CertificateId;
import io.corelink.domain.certificate.CertificateStatus;
import io.corelink.domain.coredevice.ConnectivityEndpoint;
import io.corelink.domain.coredevice.CoreDevice;
import io.corelink.domain.coredevice.CoreDeviceStatus;
import io.corelink.domain.thing.Thing;
import io.corelink.domain.thing.ThingAttributes;
import io.corelink.domain.thing.ThingName;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The contracts of the certificate, principal and core-device repositories, written once for every store. */
public interface CertificateRepositoryContract {

    Store store();

    private static Certificate certificate(char fill, long createdAt) {
        Instant at = Instant.ofEpochMilli(createdAt);
        return new Certificate(new CertificateId(String.valueOf(fill).repeat(64)), "PEM-" + fill,
                CertificateStatus.INACTIVE, null, at, at, at, at.plusSeconds(3600), "gen-1", 1);
    }

    private void thing(String name) {
        store().write(tx -> tx.things().insertIfAbsent(new Thing(ThingName.of(name), UUID.randomUUID().toString(),
                ThingAttributes.NONE, 1, Instant.EPOCH)));
    }

    @Test
    default void certificates_areStoredOnce_updated_andListedByCreationInBothOrders() {
        store().write(tx -> {
            tx.certificates().insertIfAbsent(certificate('b', 2000));
            tx.certificates().insertIfAbsent(certificate('a', 2000));
            tx.certificates().insertIfAbsent(certificate('c', 1000));
            return null;
        });
        assertThat(store().<Boolean>write(tx -> tx.certificates().insertIfAbsent(certificate('a', 5)))).isFalse();
        List<Certificate> ascending = store().read(tx -> tx.certificates().list(true, null, 10));
        assertThat(ascending).extracting(c -> c.id().value().charAt(0)).containsExactly('c', 'a', 'b');
        List<Certificate> afterA = store().read(tx -> tx.certificates().list(true,
                new CertificatePosition(Instant.ofEpochMilli(2000), new CertificateId("a".repeat(64))), 10));
        assertThat(afterA).extracting(c -> c.id().value().charAt(0)).containsExactly('b');
        List<Certificate> descending = store().read(tx -> tx.certificates().list(false, null, 2));
        assertThat(descending).extracting(c -> c.id().value().charAt(0)).containsExactly('b', 'a');

        Certificate updated = certificate('a', 2000).withStatus(CertificateStatus.ACTIVE, Instant.ofEpochMilli(3000),
                "gen-2");
        store().write(tx -> {
            tx.certificates().update(updated);
            return null;
        });
        assertThat(store().<Optional<Certificate>>read(tx -> tx.certificates().find(updated.id()))).contains(updated);
        store().write(tx -> {
            tx.certificates().delete(updated.id());
            return null;
        });
        assertThat(store().<Optional<Certificate>>read(tx -> tx.certificates().find(updated.id()))).isEmpty();
    }

    @Test
    default void principals_areAttachedBothWays() {
        thing("pr-1");
        thing("pr-2");
        CertificateId id = certificate('d', 1).id();
        store().write(tx -> {
            tx.certificates().insertIfAbsent(certificate('d', 1));
            tx.principals().attach(ThingName.of("pr-2"), id, false, Instant.EPOCH);
            tx.principals().attach(ThingName.of("pr-1"), id, true, Instant.EPOCH);
            return null;
        });
        assertThat(store().<List<PrincipalRepository.Attachment>>read(tx -> tx.principals().attachments(id)))
                .containsExactly(new PrincipalRepository.Attachment(ThingName.of("pr-1"), true),
                        new PrincipalRepository.Attachment(ThingName.of("pr-2"), false));
        assertThat(store().<List<ThingName>>read(tx -> tx.principals().listThings(id, ThingName.of("pr-1"), 5)))
                .containsExactly(ThingName.of("pr-2"));
        assertThat(store().<Integer>read(tx -> tx.principals().countForThing(ThingName.of("pr-1")))).isEqualTo(1);
        assertThat(store().<Boolean>write(tx -> tx.principals().detach(ThingName.of("pr-1"), id))).isTrue();
        assertThat(store().<Boolean>write(tx -> tx.principals().detach(ThingName.of("pr-1"), id))).isFalse();
        assertThat(store().<List<CertificateId>>read(tx -> tx.principals().listForThing(ThingName.of("pr-2"), null, 5)))
                .containsExactly(id);
    }

    @Test
    default void coreDevices_keepConnectivityInOrder_tags_andStatusFilters() {
        thing("cd-1");
        thing("cd-2");
        Instant now = Instant.ofEpochSecond(1_764_000_000L);
        store().write(tx -> {
            tx.coreDevices().registerIfAbsent(ThingName.of("cd-1"), now.minusSeconds(3600));
            tx.coreDevices().registerIfAbsent(ThingName.of("cd-2"), now.minusSeconds(3600));
            tx.coreDevices().markSeen(ThingName.of("cd-2"), now.minusSeconds(60));
            tx.coreDevices().replaceConnectivity(ThingName.of("cd-1"), List.of(
                    new ConnectivityEndpoint("z", "10.0.0.2", 8883, null),
                    new ConnectivityEndpoint("a", "10.0.0.1", 443, "m")), "v1");
            tx.coreDevices().putTags(ThingName.of("cd-1"), Map.of("b", "2", "a", "1"));
            return null;
        });
        assertThat(store().<List<ConnectivityEndpoint>>read(tx -> tx.coreDevices().connectivity(ThingName.of("cd-1"))))
                .extracting(ConnectivityEndpoint::id).containsExactly("z", "a");
        assertThat(store().<Optional<CoreDevice>>read(tx -> tx.coreDevices().find(ThingName.of("cd-1"))))
                .hasValueSatisfying(d -> assertThat(d.connectivityVersion()).isEqualTo("v1"));
        assertThat(store().<List<CoreDevice>>read(tx -> tx.coreDevices().list(CoreDeviceStatus.HEALTHY, now, null, 10)))
                .extracting(d -> d.name().value()).containsExactly("cd-2");
        assertThat(store().<List<CoreDevice>>read(tx -> tx.coreDevices().list(CoreDeviceStatus.UNHEALTHY, now, null,
                10))).extracting(d -> d.name().value()).containsExactly("cd-1");
        store().write(tx -> {
            tx.coreDevices().removeTags(ThingName.of("cd-1"), List.of("a"));
            return null;
        });
        assertThat(store().<SortedMap<String, String>>read(tx -> tx.coreDevices().tags(ThingName.of("cd-1"))))
                .containsExactlyEntriesOf(Map.of("b", "2"));
        assertThat(store().<Boolean>write(tx -> tx.coreDevices().delete(ThingName.of("cd-1")))).isTrue();
        assertThat(store().<List<ConnectivityEndpoint>>read(tx -> tx.coreDevices().connectivity(ThingName.of("cd-1"))))
                .isEmpty();
        assertThat(store().<SortedMap<String, String>>read(tx -> tx.coreDevices().tags(ThingName.of("cd-1")))).isEmpty();
    }
}
