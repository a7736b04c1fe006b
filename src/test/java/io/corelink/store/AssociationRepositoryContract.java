package io.corelink.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.corelink.domain.association.AssociatedClientDevice;
import io.corelink.domain.thing.Thing;
import io.corelink.domain.thing.ThingAttributes;
import io.corelink.domain.thing.ThingName;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The contract of {@link AssociationRepository} and {@link CoreDeviceRepository}, written once for every store. */
public interface AssociationRepositoryContract {

    Store store();

    private static ThingName name(String value) {
        return ThingName.of(value);
    }

    private void things(String... names) {
        store().write(tx -> {
            for (String name : names) {
                tx.things().insertIfAbsent(new Thing(name(name), UUID.randomUUID().toString(), ThingAttributes.NONE, 1,
                        Instant.EPOCH));
            }
            return null;
        });
    }

    @Test
    default void exclusiveWrites_onOneSubject_takeTurns_withSharedOnesToo_andAFailedOneReleasesItsTurn() throws Exception {
        things("x-core");
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> store().write("x-subject", SubjectLock.EXCLUSIVE, tx -> {
            throw new IllegalStateException("refused");
        }))).hasMessage("refused");
        java.util.concurrent.CountDownLatch firstIn = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.atomic.AtomicLong firstDone = new java.util.concurrent.atomic.AtomicLong();
        java.util.concurrent.atomic.AtomicLong secondIn = new java.util.concurrent.atomic.AtomicLong();
        Thread first = new Thread(() -> store().write("x-subject", SubjectLock.EXCLUSIVE, tx -> {
            firstIn.countDown();
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            tx.things().find(name("x-core"));
            firstDone.set(System.nanoTime());
            return null;
        }));
        first.start();
        assertThat(firstIn.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        store().write("x-subject", SubjectLock.SHARED, tx -> {
            secondIn.set(System.nanoTime());
            return null;
        });
        first.join(10_000);
        assertThat(firstDone.get()).isPositive();
        assertThat(secondIn.get()).as("the second ran after the first had finished").isGreaterThan(firstDone.get());
    }

    @Test
    default void writesQueuedOnOneSubject_leaveConnectionsForEveryoneElse() throws Exception {
        things("q-core");
        java.util.concurrent.CountDownLatch holding = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch readDone = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.ExecutorService writers = java.util.concurrent.Executors.newFixedThreadPool(21);
        try {
            writers.submit(() -> store().write("q-subject", SubjectLock.EXCLUSIVE, tx -> {
                holding.countDown();
                try {
                    readDone.await(10, java.util.concurrent.TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return null;
            }));
            assertThat(holding.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            // More waiting writers than the pool has connections (PostgreSQL: 16).
            List<java.util.concurrent.Future<Object>> queued = new java.util.ArrayList<>();
            for (int i = 0; i < 20; i++) {
                queued.add(writers.submit(() -> store().write("q-subject", SubjectLock.EXCLUSIVE, tx -> null)));
            }
            Thread.sleep(300);

            // The holder waits for this read. Were the waiting writers holding the pool, the read would get a
            // connection only when their lock waits timed out, failing them.
            java.util.Optional<Thing> found = store().read(tx -> tx.things().find(name("q-core")));
            assertThat(found).isPresent();
            readDone.countDown();
            for (java.util.concurrent.Future<Object> write : queued) {
                write.get(30, java.util.concurrent.TimeUnit.SECONDS); // throws if the write failed
            }
        } finally {
            readDone.countDown();
            writers.shutdown();
            assertThat(writers.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    default void associate_isIdempotent_andKeepsTheFirstTimestamp() {
        things("a-core", "a-1", "a-2");
        Instant t1 = Instant.ofEpochMilli(1_000_000);
        Instant t2 = Instant.ofEpochMilli(2_000_000);
        store().write(tx -> {
            tx.associations().associate(name("a-core"), List.of(name("a-1")), t1);
            return null;
        });
        store().write(tx -> {
            tx.associations().associate(name("a-core"), List.of(name("a-1"), name("a-2")), t2);
            return null;
        });
        assertThat(store().<List<AssociatedClientDevice>>read(tx -> tx.associations().list(name("a-core"), null, 10)))
                .containsExactly(new AssociatedClientDevice(name("a-1"), t1), new AssociatedClientDevice(name("a-2"), t2));
    }

    @Test
    default void associatedAmong_andDisassociate_touchOnlyTheirCoreDevice() {
        things("d-core", "d-other", "d-1", "d-2", "d-3");
        store().write(tx -> {
            tx.associations().associate(name("d-core"), List.of(name("d-1"), name("d-2")), Instant.EPOCH);
            tx.associations().associate(name("d-other"), List.of(name("d-1")), Instant.EPOCH);
            return null;
        });
        assertThat(store().<Set<ThingName>>read(tx -> tx.associations().associatedAmong(name("d-core"),
                List.of(name("d-1"), name("d-3"))))).containsExactly(name("d-1"));
        store().write(tx -> {
            tx.associations().disassociate(name("d-core"), List.of(name("d-1"), name("d-3")));
            return null;
        });
        assertThat(store().<List<AssociatedClientDevice>>read(tx -> tx.associations().list(name("d-core"), null, 10)))
                .extracting(AssociatedClientDevice::thingName).containsExactly(name("d-2"));
        assertThat(store().<List<AssociatedClientDevice>>read(tx -> tx.associations().list(name("d-other"), null, 10)))
                .extracting(AssociatedClientDevice::thingName).containsExactly(name("d-1"));
    }

    @Test
    default void list_isKeysetOrderedByName() {
        things("k-core");
        List<String> clients = IntStream.range(0, 30).mapToObj(i -> String.format("k-%02d", 29 - i)).toList();
        things(clients.toArray(String[]::new));
        store().write(tx -> {
            tx.associations().associate(name("k-core"), clients.stream().map(ThingName::of).toList(), Instant.EPOCH);
            return null;
        });
        assertThat(store().<List<AssociatedClientDevice>>read(tx -> tx.associations().list(name("k-core"),
                name("k-09"), 3))).extracting(d -> d.thingName().value()).containsExactly("k-10", "k-11", "k-12");
        assertThat(store().<List<AssociatedClientDevice>>read(tx -> tx.associations().list(name("k-core"),
                name("k-29"), 3))).isEmpty();
    }

    @Test
    default void deletingEitherThing_cascadesToItsAssociations() {
        things("c-core", "c-1", "c-2");
        store().write(tx -> {
            tx.associations().associate(name("c-core"), List.of(name("c-1"), name("c-2")), Instant.EPOCH);
            tx.coreDevices().registerIfAbsent(name("c-core"), Instant.EPOCH);
            tx.coreDevices().registerIfAbsent(name("c-core"), Instant.EPOCH);
            return null;
        });
        store().write(tx -> tx.things().delete(name("c-1")));
        assertThat(store().<List<AssociatedClientDevice>>read(tx -> tx.associations().list(name("c-core"), null, 10)))
                .extracting(AssociatedClientDevice::thingName).containsExactly(name("c-2"));
        store().write(tx -> tx.things().delete(name("c-core")));
        things("c-core");
        assertThat(store().<List<AssociatedClientDevice>>read(tx -> tx.associations().list(name("c-core"), null, 10)))
                .isEmpty();
    }

    @Test
    default void existing_findsThingsInOneQuery() {
        things("e-1", "e-2");
        assertThat(store().<Set<ThingName>>read(tx -> tx.things().existing(List.of(name("e-1"), name("e-3"),
                name("e-2"))))).containsExactlyInAnyOrder(name("e-1"), name("e-2"));
        assertThat(store().<Set<ThingName>>read(tx -> tx.things().existing(List.of()))).isEmpty();
        assertThat(store().<Set<ThingName>>read(tx -> tx.things().missing(List.of(name("e-1"), name("e-3"),
                name("e-9"), name("E-1"))))).containsExactlyInAnyOrder(name("e-3"), name("e-9"), name("E-1"));
        assertThat(store().<Set<ThingName>>read(tx -> tx.things().missing(List.of()))).isEmpty();
    }
}
