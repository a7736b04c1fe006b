package io.corelink.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.corelink.domain.event.ChangeEvent;
import io.corelink.domain.event.StoredChange;
import io.corelink.domain.thing.ThingAttributes;
import io.corelink.domain.thing.ThingName;
import io.corelink.domain.Account;
import io.corelink.store.jdbc.JdbcStore;
import io.corelink.store.jdbc.SqliteStore;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Speed by design: a request costs the same few statements whether it names 1 thing or 100. */
class AssociationServiceRoundTripTest {
    @TempDir
    Path dir;
    private JdbcStore store;
    private AssociationService associations;

    @BeforeEach
    void open() {
        store = (JdbcStore) SqliteStore.open(dir.resolve("roundtrips.db"));
        associations = new AssociationService(store, Clock.systemUTC());
        ThingService things = new ThingService(store, new Account("us-east-1", "000000000000"), Clock.systemUTC());
        things.create(ThingName.of("core"), ThingAttributes.NONE);
        IntStream.range(0, 100).forEach(i -> things.create(ThingName.of("c-" + i), ThingAttributes.NONE));
    }

    @AfterEach
    void close() {
        store.close();
    }

    private long statements(Runnable call) {
        long before = store.statementsExecuted();
        call.run();
        return store.statementsExecuted() - before;
    }

    private static List<String> clients(int count) {
        return IntStream.range(0, count).mapToObj(i -> "c-" + i).toList();
    }

    @Test
    void associate_isFourStatements_forOneEntryOrAHundred() {
        assertThat(statements(() -> associations.associate(ThingName.of("core"), clients(1)))).isEqualTo(4);
        assertThat(statements(() -> associations.associate(ThingName.of("core"), clients(100)))).isEqualTo(4);
    }

    @Test
    void disassociate_isFourStatements_forOneEntryOrAHundred() {
        associations.associate(ThingName.of("core"), clients(100));
        assertThat(statements(() -> associations.disassociate(ThingName.of("core"), clients(1)))).isEqualTo(4);
        assertThat(statements(() -> associations.disassociate(ThingName.of("core"), clients(100)))).isEqualTo(4);
    }

    @Test
    void aBatchWhoseEveryEntrySucceeds_getsTheEventRowMadeBeforeItsWrite_anotherGetsItsOwn() {
        ThingName core = ThingName.of("core");
        long before = store.read(tx -> tx.events().latestPosition());
        associations.associate(core, clients(100));
        associations.disassociate(core, clients(100));
        assertThat(store.expectedEventsInserted()).isEqualTo(2);

        List<String> oneMissing = new ArrayList<>(clients(3));
        oneMissing.add("no-such-thing");
        associations.associate(core, oneMissing);
        assertThat(store.expectedEventsInserted()).isEqualTo(2);

        List<StoredChange> stored = store.read(tx -> tx.events().after(before, 10));
        assertThat(stored).extracting(StoredChange::type).containsExactly(ChangeEvent.EventType.CORE_DEVICE_EVENT,
                ChangeEvent.EventType.ASSOCIATION_EVENT, ChangeEvent.EventType.ASSOCIATION_EVENT,
                ChangeEvent.EventType.ASSOCIATION_EVENT);
        assertThat(stored.get(1).fanOut()).isEqualTo(clients(100));
        assertThat(stored.get(2).fanOut()).isEqualTo(clients(100));
        assertThat(stored.get(3).fanOut()).containsExactly("c-0", "c-1", "c-2");
        // each stored event has an id of its own, whichever row it was written from
        assertThat(stored).extracting(StoredChange::eventId).doesNotHaveDuplicates()
                .allMatch(id -> id.matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"));
    }

    @Test
    void aPage_isTwoStatements_whateverItsSize() {
        associations.associate(ThingName.of("core"), clients(100));
        assertThat(statements(() -> associations.list(ThingName.of("core"), null, 1))).isEqualTo(2);
        assertThat(statements(() -> associations.list(ThingName.of("core"), ThingName.of("c-50"), 100))).isEqualTo(2);
    }
}
