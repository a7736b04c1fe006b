package io.corelink.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.corelink.domain.event.ChangeEvent;
import io.corelink.domain.event.StoredChange;
import io.corelink.domain.thing.Thing;
import io.corelink.domain.thing.ThingAttributes;
import io.corelink.domain.thing.ThingName;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The contract of {@link EventRepository}: the outbox of change events and the webhooks' cursors and leases. */
public interface EventRepositoryContract {

    Store store();

    private static ChangeEvent thingEvent(String name, long at) {
        return ChangeEvent.thing(ChangeEvent.Operation.CREATED, new Thing(ThingName.of(name), "id-" + name,
                ThingAttributes.of(Map.of("a", "1")), 1, Instant.ofEpochMilli(at)), Instant.ofEpochMilli(at));
    }

    private void append(ChangeEvent... events) {
        store().write(tx -> {
            tx.events().append(List.of(events));
            return null;
        });
        store().sequenceChanges();
    }

    @Test
    default void committedEvents_areReadInCommitOrder_withTheirMembers_andARolledBackOneIsNot() {
        assertThat(store().<Long>read(tx -> tx.events().latestPosition())).isZero();
        append(thingEvent("first", 1_000));
        assertThatThrownBy(() -> store().write(tx -> {
            tx.events().append(List.of(thingEvent("rolled-back", 1_500)));
            throw new IllegalStateException("the change fails");
        })).isInstanceOf(IllegalStateException.class);
        append(thingEvent("second", 2_000), ChangeEvent.associations(ChangeEvent.Operation.ASSOCIATED,
                ThingName.of("core"), List.of(ThingName.of("c1"), ThingName.of("c2")), Instant.ofEpochMilli(2_000)));

        List<StoredChange> all = store().<List<StoredChange>>read(tx -> tx.events().after(0, 10));
        assertThat(all).extracting(c -> c.membersJson().contains("\"first\"") ? "first"
                : c.membersJson().contains("\"second\"") ? "second" : c.type().name())
                .containsExactly("first", "second", "ASSOCIATION_EVENT");
        assertThat(all.get(0).position()).isLessThan(all.get(1).position());
        assertThat(all.get(0).membersJson()).isEqualTo("{\"thingId\":\"id-first\",\"thingName\":\"first\","
                + "\"versionNumber\":1,\"thingTypeName\":null,\"attributes\":{\"a\":\"1\"}}");
        assertThat(all.get(0).timestamp()).isEqualTo(Instant.ofEpochMilli(1_000));
        assertThat(all.get(2).fanOutMember()).isEqualTo("clientDeviceThingName");
        assertThat(all.get(2).fanOut()).containsExactly("c1", "c2");
        assertThat(store().<Long>read(tx -> tx.events().latestPosition())).isEqualTo(all.get(2).position());
        assertThat(store().<List<StoredChange>>read(tx -> tx.events().after(all.get(0).position(), 1))).extracting(StoredChange::eventId)
                .containsExactly(all.get(1).eventId());

        assertThat(store().<Integer>write(tx -> tx.events().deleteOlderThan(Instant.ofEpochMilli(5_000), 100)))
                .as("never the latest").isEqualTo(2);
        assertThat(store().<List<StoredChange>>read(tx -> tx.events().after(0, 10))).hasSize(1);
        assertThat(store().<Long>read(tx -> tx.events().latestPosition())).isEqualTo(all.get(2).position());
    }

    @Test
    default void anExpectedEvent_isStoredOnlyAsTheWorkAppendsIt_withTheAppendedEventsIdTimeAndNames() {
        ThingName core = ThingName.of("core");
        List<ThingName> three = List.of(ThingName.of("a"), ThingName.of("b"), ThingName.of("c"));
        ChangeEvent expected = ChangeEvent.associations(ChangeEvent.Operation.ASSOCIATED, core, three,
                Instant.ofEpochMilli(1_000));
        ChangeEvent same = ChangeEvent.associations(ChangeEvent.Operation.ASSOCIATED, core, three,
                Instant.ofEpochMilli(2_000));
        ChangeEvent fewer = ChangeEvent.associations(ChangeEvent.Operation.ASSOCIATED, core, three.subList(0, 2),
                Instant.ofEpochMilli(3_000));
        ChangeEvent undone = ChangeEvent.associations(ChangeEvent.Operation.DISASSOCIATED, core, three,
                Instant.ofEpochMilli(4_000));
        for (ChangeEvent appended : List.of(same, fewer, undone)) {
            store().write("associations:core", SubjectLock.SHARED, () -> expected, tx -> {
                tx.events().append(List.of(appended));
                return null;
            });
        }
        store().write("associations:core", SubjectLock.SHARED, () -> expected, tx -> null);
        assertThatThrownBy(() -> store().write("associations:core", SubjectLock.SHARED, () -> expected, tx -> {
            tx.events().append(List.of(expected));
            throw new IllegalStateException("rolled back");
        })).hasMessage("rolled back");
        store().sequenceChanges();

        List<StoredChange> stored = store().<List<StoredChange>>read(tx -> tx.events().after(0, 10));
        assertThat(stored).extracting(StoredChange::eventId)
                .containsExactly(same.eventId(), fewer.eventId(), undone.eventId());
        assertThat(stored).extracting(StoredChange::timestamp).containsExactly(Instant.ofEpochMilli(2_000),
                Instant.ofEpochMilli(3_000), Instant.ofEpochMilli(4_000));
        assertThat(stored).extracting(StoredChange::fanOut).containsExactly(List.of("a", "b", "c"),
                List.of("a", "b"), List.of("a", "b", "c"));
        assertThat(stored).extracting(StoredChange::operation).containsExactly(ChangeEvent.Operation.ASSOCIATED,
                ChangeEvent.Operation.ASSOCIATED, ChangeEvent.Operation.DISASSOCIATED);
        assertThat(stored).extracting(StoredChange::membersJson).containsOnly("{\"coreDeviceThingName\":\"core\"}");
    }

    @Test
    default void aLongFanOut_readsBackWhole_inItsOrder() {
        List<ThingName> clients = new java.util.ArrayList<>();
        for (int i = 0; i < 300; i++) {
            clients.add(ThingName.of("client-" + (300 - i) + "-of-a-long-site-name"));
        }
        append(ChangeEvent.associations(ChangeEvent.Operation.DISASSOCIATED, ThingName.of("core"), clients,
                Instant.ofEpochMilli(3_000)));
        StoredChange change = store().<List<StoredChange>>read(tx -> tx.events().after(0, 10)).get(0);
        assertThat(change.fanOut()).containsExactlyElementsOf(clients.stream().map(ThingName::value).toList());
        assertThat(change.operation()).isEqualTo(ChangeEvent.Operation.DISASSOCIATED);
    }

    @Test
    default void aWebhook_keepsItsCursor_andOneOwnerAtATimeMayMoveIt() {
        Instant now = Instant.ofEpochMilli(10_000);
        assertThat(store().<Long>write(tx -> tx.events().webhookCursor("http://a", 7))).isEqualTo(7);
        assertThat(store().<Long>write(tx -> tx.events().webhookCursor("http://a", 99))).isEqualTo(7);
        assertThat(store().<Boolean>write(tx -> tx.events().leaseWebhook("http://a", "node-1", now,
                now.plusSeconds(30)))).isTrue();
        assertThat(store().<Boolean>write(tx -> tx.events().leaseWebhook("http://a", "node-2", now.plusSeconds(10),
                now.plusSeconds(40)))).as("held by node-1").isFalse();
        assertThat(store().<Boolean>write(tx -> tx.events().advanceWebhook("http://a", "node-2", 9))).isFalse();
        assertThat(store().<Boolean>write(tx -> tx.events().advanceWebhook("http://a", "node-1", 9))).isTrue();
        assertThat(store().<Boolean>write(tx -> tx.events().leaseWebhook("http://a", "node-2", now.plusSeconds(31),
                now.plusSeconds(61)))).as("expired: taken over").isTrue();
        assertThat(store().<Long>write(tx -> tx.events().webhookCursor("http://a", 0))).isEqualTo(9);
    }
}
