package io.corelink.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.corelink.domain.thing.Thing;
import io.corelink.domain.thing.ThingAttributes;
import io.corelink.domain.thing.ThingFilter;
import io.corelink.domain.thing.ThingName;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link ThingRepository}, written once; each store implementation runs it by implementing
 * {@link #store()} with a fresh, empty store.
 */
public interface ThingRepositoryContract {

    Store store();

    private static Thing thing(String name, Map<String, String> attributes) {
        return new Thing(ThingName.of(name), UUID.randomUUID().toString(), ThingAttributes.of(attributes), 1,
                Instant.ofEpochMilli(1_764_137_763_512L));
    }

    @Test
    default void insertIfAbsent_storesOnce_andFindReturnsEverything() {
        Thing thing = thing("contract:a", Map.of("k1", "v1", "k2", ""));
        assertThat(store().<Boolean>write(tx -> tx.things().insertIfAbsent(thing))).isTrue();
        assertThat(store().<Boolean>write(tx -> tx.things().insertIfAbsent(thing("contract:a", Map.of())))).isFalse();
        assertThat(store().<Optional<Thing>>read(tx -> tx.things().find(ThingName.of("contract:a")))).contains(thing);
        assertThat(store().<Optional<Thing>>read(tx -> tx.things().find(ThingName.of("contract:b")))).isEmpty();
    }

    @Test
    default void replace_checksTheStoredVersion() {
        Thing thing = thing("versioned", Map.of("a", "1"));
        store().write(tx -> tx.things().insertIfAbsent(thing));
        Thing updated = thing.updated(ThingAttributes.of(Map.of("b", "2")));
        assertThat(store().<Boolean>write(tx -> tx.things().replace(updated, 5))).isFalse();
        assertThat(store().<Boolean>write(tx -> tx.things().replace(updated, 1))).isTrue();
        assertThat(store().<Optional<Thing>>read(tx -> tx.things().find(thing.name()))).contains(updated);
        assertThat(store().<Boolean>write(tx -> tx.things().replace(updated, 1))).isFalse();
    }

    @Test
    default void delete_removesTheThingAndItsAttributes() {
        store().write(tx -> tx.things().insertIfAbsent(thing("doomed", Map.of("a", "1"))));
        assertThat(store().<Boolean>write(tx -> tx.things().delete(ThingName.of("doomed")))).isTrue();
        assertThat(store().<Boolean>write(tx -> tx.things().delete(ThingName.of("doomed")))).isFalse();
        store().write(tx -> tx.things().insertIfAbsent(thing("doomed", Map.of())));
        assertThat(store().<Optional<Thing>>read(tx -> tx.things().find(ThingName.of("doomed"))).orElseThrow().attributes().asMap())
                .isEmpty();
    }

    @Test
    default void list_isKeysetOrderedByName_andFilters() {
        store().write(tx -> {
            tx.things().insertIfAbsent(thing("l-c", Map.of("zone", "east-2")));
            tx.things().insertIfAbsent(thing("l-a", Map.of("zone", "east-1")));
            tx.things().insertIfAbsent(thing("l-b", Map.of("zone", "west-1")));
            tx.things().insertIfAbsent(thing("l-d", Map.of("other", "x")));
            return null;
        });
        assertThat(names(store().<List<Thing>>read(tx -> tx.things().list(ThingFilter.ALL, null, 10))))
                .containsExactly("l-a", "l-b", "l-c", "l-d");
        assertThat(names(store().<List<Thing>>read(tx -> tx.things().list(ThingFilter.ALL, ThingName.of("l-b"), 1))))
                .containsExactly("l-c");
        assertThat(names(store().<List<Thing>>read(tx -> tx.things().list(new ThingFilter("zone", null, false), null, 10))))
                .containsExactly("l-a", "l-b", "l-c");
        assertThat(names(store().<List<Thing>>read(tx -> tx.things().list(new ThingFilter("zone", "east", true), null, 10))))
                .containsExactly("l-a", "l-c");
        assertThat(names(store().<List<Thing>>read(tx -> tx.things().list(new ThingFilter("zone", "west-1", false), null, 10))))
                .containsExactly("l-b");
        List<Thing> page = store().<List<Thing>>read(tx -> tx.things().list(new ThingFilter("zone", "east", true),
                ThingName.of("l-a"), 10));
        assertThat(page).singleElement().satisfies(t -> assertThat(t.attributes().asMap()).containsEntry("zone", "east-2"));
    }

    @Test
    default void aFailedTransaction_changesNothing() {
        try {
            store().write(tx -> {
                tx.things().insertIfAbsent(thing("rolled-back", Map.of("a", "1")));
                throw new IllegalStateException("abort");
            });
        } catch (IllegalStateException expected) {
            assertThat(expected).hasMessage("abort");
        }
        assertThat(store().<Optional<Thing>>read(tx -> tx.things().find(ThingName.of("rolled-back")))).isEmpty();
    }

    @Test
    default void settings_andAdministratorKey_areWrittenOnce() {
        assertThat(store().<String>write(tx -> tx.settings().putIfAbsent("k", "first"))).isEqualTo("first");
        assertThat(store().<String>write(tx -> tx.settings().putIfAbsent("k", "second"))).isEqualTo("first");

        Instant now = Instant.ofEpochSecond(1_764_137_763L);
        assertThat(store().<Boolean>write(tx -> tx.credentials().insertAdministratorKeyIfAbsent("AKIAONE", "s1", now))).isTrue();
        assertThat(store().<Boolean>write(tx -> tx.credentials().insertAdministratorKeyIfAbsent("AKIATWO", "s2", now))).isFalse();
        assertThat(store().<Optional<String>>read(tx -> tx.credentials().administratorKeyId())).contains("AKIAONE");
        store().write(tx -> {
            tx.credentials().replaceAdministratorKey("AKIATHREE", "s3", now);
            return null;
        });
        assertThat(store().<Optional<String>>read(tx -> tx.credentials().administratorKeyId())).contains("AKIATHREE");
        assertThat(store().<Optional<String>>read(tx -> tx.credentials().secretOf("AKIATHREE"))).contains("s3");
        assertThat(store().<Optional<String>>read(tx -> tx.credentials().secretOf("AKIAONE"))).isEmpty();
    }

    private static List<String> names(List<Thing> things) {
        return things.stream().map(t -> t.name().value()).toList();
    }
}
