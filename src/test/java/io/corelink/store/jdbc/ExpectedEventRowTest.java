package io.corelink.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.corelink.domain.event.ChangeEvent;
import io.corelink.domain.event.StoredChange;
import io.corelink.domain.thing.ThingName;
import io.corelink.store.SubjectLock;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The row of an expected change event, made before the write: the outbox stores it for an appended event of the same
 * change, and makes any other event's row itself. (The contract tests show that what is stored is the same either
 * way; this shows that the prepared row is the one used, with a row no encoder would make.)
 */
class ExpectedEventRowTest {
    @TempDir
    Path dir;

    @Test
    void anAppendedEventOfTheExpectedChange_usesThePreparedRow_anyOtherIsMadeOnTheWriter() {
        ThingName core = ThingName.of("core");
        List<ThingName> clients = List.of(ThingName.of("a"), ThingName.of("b"));
        ChangeEvent expected = ChangeEvent.associations(ChangeEvent.Operation.ASSOCIATED, core, clients,
                Instant.ofEpochMilli(1_000));
        JdbcEventRepository.Row marked = new JdbcEventRepository.Row(expected, "{\"prepared\":true}", "x\ny", null);
        LongAdder used = new LongAdder();
        ChangeEvent same = ChangeEvent.associations(ChangeEvent.Operation.ASSOCIATED, core, clients,
                Instant.ofEpochMilli(2_000));
        ChangeEvent other = ChangeEvent.associations(ChangeEvent.Operation.ASSOCIATED, core, clients.subList(0, 1),
                Instant.ofEpochMilli(3_000));
        try (JdbcStore store = (JdbcStore) SqliteStore.open(dir.resolve("expected.db"))) {
            store.write(tx -> {
                ((JdbcTransaction) tx).expecting(new JdbcEventRepository.Expected(marked, used)).events()
                        .append(List.of(same, other));
                return null;
            });
            List<StoredChange> stored = store.<List<StoredChange>>read(tx -> tx.events().after(0, 10));

            assertThat(stored).extracting(StoredChange::eventId).containsExactly(same.eventId(), other.eventId());
            assertThat(stored.get(0).membersJson()).isEqualTo("{\"prepared\":true}");
            assertThat(stored.get(0).fanOut()).containsExactly("x", "y");
            assertThat(stored.get(0).timestamp()).isEqualTo(Instant.ofEpochMilli(2_000));
            assertThat(stored.get(1).membersJson()).isEqualTo("{\"coreDeviceThingName\":\"core\"}");
            assertThat(stored.get(1).fanOut()).containsExactly("a");
            assertThat(used.sum()).isOne();
        }
    }

    @Test
    void theExpectedEvent_isMadeOncePerWrite_andNotAtAllWithChangeEventsOff() {
        AtomicInteger made = new AtomicInteger();
        Supplier<ChangeEvent> expected = () -> {
            made.incrementAndGet();
            return ChangeEvent.coreDevice(ChangeEvent.Operation.CREATED, ThingName.of("core"), Instant.EPOCH);
        };
        try (JdbcStore store = (JdbcStore) SqliteStore.open(dir.resolve("off.db"))) {
            store.write("associations:core", SubjectLock.SHARED, expected, tx -> null);
            assertThat(made).hasValue(1);

            store.recordChangeEvents(false);
            store.write("associations:core", SubjectLock.SHARED, expected, tx -> {
                tx.events().append(List.of(ChangeEvent.coreDevice(ChangeEvent.Operation.CREATED,
                        ThingName.of("core"), Instant.EPOCH)));
                return null;
            });
            assertThat(made).hasValue(1);
            assertThat(store.<List<StoredChange>>read(tx -> tx.events().after(0, 10))).isEmpty();
        }
    }
}
