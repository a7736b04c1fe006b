package io.corelink.service;

import io.corelink.store.Store;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The data plane's caches of derived data. An entry is used only while this node has committed no write since it was
 * filled (then it is exact) and for at most {@link #TTL} on the injected clock (which bounds how late a write made by
 * another node of the deployment is seen). Bounded in size: a full cache starts again empty.
 *
 * @param <K> the key
 * @param <V> the value derived from the store
 */
final class DataPlaneCache<K, V> {
    static final Duration TTL = Duration.ofSeconds(2);
    private static final int MAX_ENTRIES = 100_000;

    private final LongSupplier changeCount;
    private final Clock clock;
    private final Map<K, Entry<V>> entries = new ConcurrentHashMap<>();

    /** A cached value, and the time and change count it was filled at. */
    static final class Entry<V> {
        private final V value;
        private final long changeCount;
        private final Instant filledAt;

        Entry(V value, long changeCount, Instant filledAt) {
            this.value = value;
            this.changeCount = changeCount;
            this.filledAt = filledAt;
        }

        V value() {
            return value;
        }
    }

    DataPlaneCache(Store store, Clock clock) {
        this(store::changeCount, clock);
    }

    /** A cache whose entries are exact while {@code changeCount} stays the same (a narrower count than the store's). */
    DataPlaneCache(LongSupplier changeCount, Clock clock) {
        this.changeCount = changeCount;
        this.clock = clock;
    }

    /** The fresh entry of {@code key}, filled from {@code load} when there is none. */
    Entry<V> get(K key, Supplier<V> load) {
        long changes = changeCount.getAsLong();
        Instant now = clock.instant();
        Entry<V> cached = entries.get(key);
        if (cached != null && cached.changeCount == changes && now.isBefore(cached.filledAt.plus(TTL))) {
            return cached;
        }
        Entry<V> filled = new Entry<>(load.get(), changes, now);
        if (entries.size() >= MAX_ENTRIES) {
            entries.clear();
        }
        entries.put(key, filled);
        return filled;
    }

    /** Forgets {@code key}'s entry, so that the next {@link #get} loads it again. */
    void remove(K key) {
        entries.remove(key);
    }
}
