package io.corelink.service;

import java.util.List;

/** One page of a keyset listing: its items, and whether more follow the last one. */
public record Page<T>(List<T> items, boolean hasMore) {
    public Page {
        items = List.copyOf(items);
    }

    /** The page of at most {@code limit} items from {@code fetched}, which holds up to {@code limit + 1}. */
    public static <T> Page<T> of(List<T> fetched, int limit) {
        return fetched.size() > limit ? new Page<>(fetched.subList(0, limit), true) : new Page<>(fetched, false);
    }
}
