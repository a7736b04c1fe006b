package io.corelink.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.corelink.domain.Account;
import io.corelink.domain.event.StoredChange;
import io.corelink.domain.thing.ThingAttributes;
import io.corelink.domain.thing.ThingName;
import io.corelink.store.Store;
import io.corelink.store.jdbc.SqliteStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The change-event watcher reads the stream's head only while someone needs it. */
class ChangeEventsWatcherTest {
    @TempDir
    Path dir;
    private Store store;
    private ThingService things;
    private ChangeEvents events;

    @BeforeEach
    void open() {
        store = SqliteStore.open(dir.resolve("watcher.db"));
        things = new ThingService(store, new Account("us-east-1", "000000000000"), Clock.systemUTC());
        events = new ChangeEvents(store, Clock.systemUTC(), 1);
    }

    @AfterEach
    void close() {
        events.close();
        store.close();
    }

    @Test
    void withNobodyWaiting_theHeadIsNotRead_andIsReadOnceAReaderWaits() throws Exception {
        long start = events.latest();
        for (int i = 0; i < 4; i++) {
            things.create(ThingName.of("unwatched-" + i), ThingAttributes.NONE);
            Thread.sleep(ChangeEvents.WATCH_INTERVAL.toMillis() * 2); // the watcher ticks meanwhile
        }
        assertThat(events.headReads()).isZero();
        assertThat(events.head()).isEqualTo(start);

        long position = events.latest();
        CompletableFuture<List<StoredChange>> waiter = CompletableFuture.supplyAsync(() -> {
            try {
                return events.await(position, 10, Duration.ofSeconds(30));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        eventually(() -> events.head() == position); // the head the watcher skipped is read once a reader waits
        assertThat(events.headReads()).isPositive();
        things.create(ThingName.of("awaited"), ThingAttributes.NONE);
        List<StoredChange> changes = waiter.get(30, TimeUnit.SECONDS);
        assertThat(changes).hasSize(1);
        assertThat(changes.get(0).position()).isGreaterThan(position);
    }

    @Test
    void aFollowedHead_staysCurrent_withNobodyWaiting() {
        events.followHead();
        things.create(ThingName.of("followed"), ThingAttributes.NONE);
        long latest = events.latest();
        eventually(() -> events.head() == latest);
        assertThat(events.headReads()).isPositive();
    }

    private static void eventually(BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("the condition did not hold within 30 s").isLessThan(deadline);
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
