package io.corelink.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.corelink.domain.coredevice.ConnectivityEndpoint;
import io.corelink.domain.coredevice.CoreDevice;
import io.corelink.domain.coredevice.CoreDeviceStatus;
import io.corelink.domain.thing.Thing;
import io.corelink.domain.thing.ThingAttributes;
import io.corelink.domain.thing.ThingName;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link CoreDeviceRepository} (records, status, connectivity and tags), written once for every
 * store; the CA certificates are covered with discovery in {@link DiscoveryRepositoryContract}.
 */
public interface CoreDeviceRepositoryContract {

    Store store();

    Instant REGISTERED = Instant.ofEpochMilli(1_764_137_763_512L);

    private static ThingName name(String value) {
        return ThingName.of(value);
    }

    private void cores(String... names) {
        store().write(tx -> {
            for (String core : names) {
                tx.things().insertIfAbsent(new Thing(name(core), UUID.randomUUID().toString(), ThingAttributes.NONE,
                        1, REGISTERED));
                tx.coreDevices().registerIfAbsent(name(core), REGISTERED);
            }
            return null;
        });
    }

    @Test
    default void registerIfAbsent_keepsTheFirstRegistration() {
        cores("cd-core");
        store().write(tx -> {
            tx.coreDevices().registerIfAbsent(name("cd-core"), REGISTERED.plusSeconds(60));
            return null;
        });
        assertThat(store().<Optional<CoreDevice>>read(tx -> tx.coreDevices().find(name("cd-core"))))
                .contains(new CoreDevice(name("cd-core"), REGISTERED, null, null));
        assertThat(store().<Optional<CoreDevice>>read(tx -> tx.coreDevices().find(name("cd-none")))).isEmpty();
    }

    @Test
    default void markSeen_makesItHealthyForTenMinutes_andOnlyTouchesCoreDevices() {
        cores("cd-seen", "cd-never");
        Instant seen = REGISTERED.plusSeconds(30);
        store().write(tx -> {
            tx.coreDevices().markSeen(name("cd-seen"), seen);
            tx.coreDevices().markSeen(name("cd-not-a-core"), seen);
            return null;
        });
        CoreDevice core = store().<Optional<CoreDevice>>read(tx -> tx.coreDevices().find(name("cd-seen")))
                .orElseThrow();
        assertThat(core.lastSeenAt()).isEqualTo(seen);
        assertThat(core.lastStatusUpdate()).isEqualTo(seen);

        Instant stillHealthy = seen.plus(CoreDevice.HEALTHY_WINDOW);
        assertThat(store().<List<CoreDevice>>read(tx -> tx.coreDevices().list(CoreDeviceStatus.HEALTHY, stillHealthy,
                null, 10))).extracting(CoreDevice::name).containsExactly(name("cd-seen"));
        assertThat(store().<List<CoreDevice>>read(tx -> tx.coreDevices().list(CoreDeviceStatus.UNHEALTHY,
                stillHealthy, null, 10))).extracting(CoreDevice::name).containsExactly(name("cd-never"));

        Instant later = stillHealthy.plus(Duration.ofMillis(1));
        assertThat(store().<List<CoreDevice>>read(tx -> tx.coreDevices().list(CoreDeviceStatus.HEALTHY, later, null,
                10))).isEmpty();
        assertThat(store().<List<CoreDevice>>read(tx -> tx.coreDevices().list(CoreDeviceStatus.UNHEALTHY, later,
                null, 10))).extracting(CoreDevice::name).containsExactly(name("cd-never"), name("cd-seen"));
        assertThat(store().<Optional<CoreDevice>>read(tx -> tx.coreDevices().find(name("cd-not-a-core")))).isEmpty();
    }

    @Test
    default void coreDevices_areKeysetOrderedByName() {
        cores("cd-c", "cd-a", "cd:b", "cd-d");
        assertThat(store().<List<CoreDevice>>read(tx -> tx.coreDevices().list(null, REGISTERED, null, 2)))
                .extracting(c -> c.name().value()).containsExactly("cd-a", "cd-c");
        assertThat(store().<List<CoreDevice>>read(tx -> tx.coreDevices().list(null, REGISTERED, name("cd-c"), 2)))
                .extracting(c -> c.name().value()).containsExactly("cd-d", "cd:b");
        assertThat(store().<List<CoreDevice>>read(tx -> tx.coreDevices().list(null, REGISTERED, name("cd:b"), 2)))
                .isEmpty();
    }

    @Test
    default void replaceConnectivity_replacesTheWholeListInItsOrder_andSetsTheVersion() {
        cores("cd-conn");
        List<ConnectivityEndpoint> first = List.of(new ConnectivityEndpoint("b", "10.0.0.2", 8883, "meta"),
                new ConnectivityEndpoint(null, "core.local", 0, null),
                new ConnectivityEndpoint("a", "ünïcode.example", 65535, ""));
        store().write(tx -> {
            tx.coreDevices().replaceConnectivity(name("cd-conn"), first, "v-1");
            return null;
        });
        assertThat(store().<List<ConnectivityEndpoint>>read(tx -> tx.coreDevices().connectivity(name("cd-conn"))))
                .containsExactlyElementsOf(first);
        assertThat(store().<Optional<CoreDevice>>read(tx -> tx.coreDevices().find(name("cd-conn"))).orElseThrow()
                .connectivityVersion()).isEqualTo("v-1");

        store().write(tx -> {
            tx.coreDevices().replaceConnectivity(name("cd-conn"), List.of(), "v-2");
            return null;
        });
        assertThat(store().<List<ConnectivityEndpoint>>read(tx -> tx.coreDevices().connectivity(name("cd-conn"))))
                .isEmpty();
        assertThat(store().<Optional<CoreDevice>>read(tx -> tx.coreDevices().find(name("cd-conn"))).orElseThrow()
                .connectivityVersion()).isEqualTo("v-2");
    }

    @Test
    default void tags_areAddedReplacedAndRemovedByKey() {
        cores("cd-tagged", "cd-other");
        store().write(tx -> {
            tx.coreDevices().putTags(name("cd-tagged"), Map.of("b", "2", "a", "1", "empty", ""));
            tx.coreDevices().putTags(name("cd-other"), Map.of("a", "other"));
            tx.coreDevices().putTags(name("cd-tagged"), Map.of());
            return null;
        });
        store().write(tx -> {
            tx.coreDevices().putTags(name("cd-tagged"), Map.of("a", "one", "c", "3"));
            tx.coreDevices().removeTags(name("cd-tagged"), Set.of("b", "missing"));
            tx.coreDevices().removeTags(name("cd-tagged"), Set.of());
            return null;
        });
        assertThat(store().<SortedMap<String, String>>read(tx -> tx.coreDevices().tags(name("cd-tagged"))))
                .containsExactly(Map.entry("a", "one"), Map.entry("c", "3"), Map.entry("empty", ""));
        assertThat(store().<SortedMap<String, String>>read(tx -> tx.coreDevices().tags(name("cd-other"))))
                .containsExactly(Map.entry("a", "other"));
    }

    @Test
    default void delete_takesConnectivityTagsAndAssociations_butNotTheThing() {
        cores("cd-doomed");
        store().write(tx -> {
            tx.things().insertIfAbsent(new Thing(name("cd-client"), UUID.randomUUID().toString(),
                    ThingAttributes.NONE, 1, REGISTERED));
            tx.coreDevices().replaceConnectivity(name("cd-doomed"), List.of(new ConnectivityEndpoint("x", "h", 1,
                    null)), "v");
            tx.coreDevices().putTags(name("cd-doomed"), Map.of("k", "v"));
            tx.associations().associate(name("cd-doomed"), List.of(name("cd-client")), REGISTERED);
            return null;
        });
        assertThat(store().<Boolean>write(tx -> tx.coreDevices().delete(name("cd-doomed")))).isTrue();
        assertThat(store().<Boolean>write(tx -> tx.coreDevices().delete(name("cd-doomed")))).isFalse();

        cores("cd-doomed");
        assertThat(store().<List<ConnectivityEndpoint>>read(tx -> tx.coreDevices().connectivity(name("cd-doomed"))))
                .isEmpty();
        assertThat(store().<SortedMap<String, String>>read(tx -> tx.coreDevices().tags(name("cd-doomed")))).isEmpty();
        assertThat(store().<List<?>>read(tx -> tx.associations().list(name("cd-doomed"), null, 10))).isEmpty();
        assertThat(store().<Boolean>read(tx -> tx.things().find(name("cd-doomed")).isPresent())).isTrue();
    }
}
