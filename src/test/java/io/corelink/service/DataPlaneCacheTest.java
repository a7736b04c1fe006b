package io.corelink.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.corelink.store.Store;
import io.corelink.store.StoreTransaction;
import io.corelink.testing.MutableClock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The data plane's cache: exact while this node wrote nothing, and at most 2 s old on the injected clock. */
class DataPlaneCacheTest {

    /** Only the change counter of a store: what the cache looks at. */
    private static final class Counter implements Store {
        long changes;

        @Override
        public <T> T read(Function<StoreTransaction, T> work) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <T> T write(Function<StoreTransaction, T> work) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long changeCount() {
            return changes;
        }

        @Override
        public boolean isHealthy() {
            return true;
        }

        @Override
        public void close() {
        }
    }

    @Test
    void anEntryLives_untilAWriteHere_orItsTtlOnTheInjectedClock() {
        Counter store = new Counter();
        MutableClock clock = MutableClock.startingNow();
        DataPlaneCache<String, Integer> cache = new DataPlaneCache<>(store, clock);
        AtomicInteger loads = new AtomicInteger();

        assertThat(cache.get("k", loads::incrementAndGet).value()).isEqualTo(1);
        clock.advance(Duration.ofMillis(1_999));
        assertThat(cache.get("k", loads::incrementAndGet).value()).as("fresh").isEqualTo(1);
        clock.advance(Duration.ofMillis(1));
        assertThat(cache.get("k", loads::incrementAndGet).value()).as("2 s old: refilled").isEqualTo(2);
        store.changes++;
        assertThat(cache.get("k", loads::incrementAndGet).value()).as("a write here: refilled").isEqualTo(3);
        assertThat(cache.get("k", loads::incrementAndGet).value()).isEqualTo(3);
    }

    @Test
    void theRenderedDocument_isKeptBesideTheCachedCores() {
        DiscoveryService.Cores cores = new DiscoveryService.Cores(java.util.List.of());
        AtomicInteger renders = new AtomicInteger();
        byte[] first = cores.rendered(c -> new byte[] {(byte) renders.incrementAndGet()});
        byte[] second = cores.rendered(c -> new byte[] {(byte) renders.incrementAndGet()});
        assertThat(second).isSameAs(first);
        assertThat(renders.get()).isEqualTo(1);
    }
}
