package io.corelink.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.corelink.domain.audit.AuditQuery;
import io.corelink.domain.audit.AuditRecord;
import io.corelink.domain.error.ResourceNotFoundException;
import io.corelink.store.AuditScope;
import java.time.Instant;
import io.corelink.store.StoreUnavailableException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SQLite's group commit against a real file: writes queued behind a running transaction share the next one, and each
 * keeps its own outcome — a failing write is rolled back alone, its exception reaches its caller alone.
 */
class GroupCommitTest {
    @TempDir
    Path dir;
    private JdbcStore store;
    private ExecutorService threads;

    @BeforeEach
    void open() {
        store = (JdbcStore) SqliteStore.open(dir.resolve("group.db"));
        threads = Executors.newCachedThreadPool();
    }

    @AfterEach
    void close() {
        threads.shutdownNow();
        store.close();
    }

    @Test
    void aLoneWorkThatRefusesItsInput_keepsTheWritersHandleAndItsPreparedStatements() {
        store.write(tx -> tx.settings().putIfAbsent("kept", "1"));
        assertThat(store.writerHandlesOpened()).isEqualTo(1);

        assertThatThrownBy(() -> store.write(tx -> {
            tx.settings().putIfAbsent("rolled-back", "1");
            throw new IllegalArgumentException("not found");
        })).isInstanceOf(IllegalArgumentException.class).hasMessage("not found");

        String after = store.write(tx -> tx.settings().putIfAbsent("after", "2"));
        assertThat(after).isEqualTo("2");
        assertThat(store.writerHandlesOpened()).isEqualTo(1);
        java.util.Optional<String> rolledBack = store.read(tx -> tx.settings().find("rolled-back"));
        java.util.Optional<String> kept = store.read(tx -> tx.settings().find("kept"));
        assertThat(rolledBack).isEmpty();
        assertThat(kept).contains("1");
    }

    @Test
    void writesQueuedBehindARunningTransactionShareOneAndFailAlone() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        long before = store.groupedWriteTransactions();
        Future<String> first = threads.submit(() -> store.write(tx -> {
            running.countDown();
            await(release);
            return tx.settings().putIfAbsent("first", "1");
        }));
        assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
        List<Future<String>> queued = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            int n = i;
            // Each write carries its request's audit record, as a change made through the API does.
            queued.add(threads.submit(() -> {
                try (AuditScope scope = AuditScope.open(() -> new AuditRecord(0, "record-" + n, Instant.EPOCH,
                        "iot.amazonaws.com", "Write", "P", "-", "{}", "127.0.0.1", "-", "r" + n, false, null, null,
                        null))) {
                    return store.write(tx -> {
                        tx.settings().putIfAbsent("queued-" + n, "v" + n);
                        if (n % 3 == 1) {
                            throw new ResourceNotFoundException("thing", "t" + n, "Thing t" + n
                                    + " cannot be found.");
                        }
                        return "ok-" + n;
                    });
                }
            }));
        }
        waitUntilQueued(6);
        release.countDown();

        assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("1");
        for (int i = 0; i < 6; i++) {
            int n = i;
            if (n % 3 == 1) {
                assertThatThrownBy(() -> queued.get(n).get(10, TimeUnit.SECONDS))
                        .hasCauseInstanceOf(ResourceNotFoundException.class)
                        .cause().hasMessage("Thing t" + n + " cannot be found.");
            } else {
                assertThat(queued.get(n).get(10, TimeUnit.SECONDS)).isEqualTo("ok-" + n);
            }
        }
        assertThat(store.<List<AuditRecord>>read(tx -> tx.audit().find(AuditQuery.ALL, null, 10)))
                .as("a write rolled back to its savepoint leaves no record; its group's others keep theirs")
                .extracting(AuditRecord::eventId)
                .containsExactlyInAnyOrder("record-0", "record-2", "record-3", "record-5");
        // The first transaction, then one for all six that queued behind it.
        assertThat(store.groupedWriteTransactions() - before).isEqualTo(2);
        for (int i = 0; i < 6; i++) {
            String name = "queued-" + i;
            assertThat(setting(name))
                    .isEqualTo(i % 3 == 1 ? Optional.empty() : Optional.of("v" + i));
        }
    }

    @Test
    void aLoneWriteThatThrowsLeavesNothing() {
        assertThatThrownBy(() -> store.write(tx -> {
            tx.settings().putIfAbsent("alone", "x");
            throw new ResourceNotFoundException("thing", "t", "Thing t cannot be found.");
        })).isInstanceOf(ResourceNotFoundException.class);
        assertThat(setting("alone")).isEmpty();
        String stored = store.write(tx -> tx.settings().putIfAbsent("alone", "y"));
        assertThat(stored).isEqualTo("y");
    }

    @Test
    void whenTheGroupCannotCommitNoneOfItIsAcknowledgedOrKept() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Future<String> first = threads.submit(() -> store.write(tx -> {
            running.countDown();
            await(release);
            return "first";
        }));
        assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
        Future<String> good = threads.submit(() -> store.write(tx -> tx.settings().putIfAbsent("good", "g")));
        // An Error is not a work's own failure: the transaction it ran in is abandoned, with every work in it.
        Future<String> broken = threads.submit(() -> store.write(tx -> {
            tx.settings().putIfAbsent("broken", "b");
            throw new OutOfMemoryError("simulated");
        }));
        waitUntilQueued(2);
        release.countDown();

        assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("first");
        for (Future<String> future : List.of(good, broken)) {
            assertThatThrownBy(() -> future.get(10, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(StoreUnavailableException.class);
        }
        assertThat(setting("good")).isEmpty();
        assertThat(setting("broken")).isEmpty();
        String stored = store.write(tx -> tx.settings().putIfAbsent("good", "again"));
        assertThat(stored).isEqualTo("again");
    }

    private Optional<String> setting(String name) {
        return store.read(tx -> tx.settings().find(name));
    }

    private void waitUntilQueued(int writers) throws InterruptedException {
        // The queued writers block on the writer lock; give them time to get there.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (store.queuedWrites() < writers && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(store.queuedWrites()).isEqualTo(writers);
    }

    @Test
    void aWriteThatCannotGetTheWriterWithinTheTimeout_failsAndChangesNothing() throws Exception {
        try (JdbcStore bounded = (JdbcStore) SqliteStore.open(dir.resolve("bounded.db"), false,
                java.time.Duration.ofMillis(300))) {
            CountDownLatch running = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            Future<String> holder = threads.submit(() -> bounded.write(tx -> {
                running.countDown();
                await(release);
                return tx.settings().putIfAbsent("holder", "1");
            }));
            assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
            long started = System.nanoTime();
            assertThatThrownBy(() -> bounded.write(tx -> tx.settings().putIfAbsent("late", "1")))
                    .isInstanceOf(io.corelink.store.StoreUnavailableException.class)
                    .hasMessageContaining("writer stayed busy");
            assertThat((System.nanoTime() - started) / 1_000_000).isBetween(250L, 5_000L);
            release.countDown();
            assertThat(holder.get(10, TimeUnit.SECONDS)).isEqualTo("1");
            assertThat(bounded.<Optional<String>>read(tx -> tx.settings().find("late")))
                    .as("the late write never ran").isEmpty();
            assertThat(bounded.queuedWrites()).isZero();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
