package io.corelink.app;

import io.corelink.store.Store;
import io.corelink.wire.sigv4.CredentialLookup;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Access-key secrets from the store, kept for a few seconds so that verifying a signature costs no query on the hot
 * path. Unknown keys are not cached (a changed key is seen at most {@link #TTL} late on every node).
 */
final class CachedCredentials implements CredentialLookup {
    static final Duration TTL = Duration.ofSeconds(5);
    private static final int MAX_ENTRIES = 10_000;

    private final Store store;
    private final Clock clock;
    private final ConcurrentHashMap<String, Entry> cache = new ConcurrentHashMap<>();

    CachedCredentials(Store store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    private record Entry(String secret, Instant expires) {
    }

    @Override
    public Optional<String> secretOf(String accessKeyId) {
        Instant now = clock.instant();
        Entry entry = cache.get(accessKeyId);
        if (entry != null && now.isBefore(entry.expires())) {
            return Optional.of(entry.secret());
        }
        Optional<String> secret = store.read(tx -> tx.credentials().secretOf(accessKeyId));
        if (secret.isPresent()) {
            if (cache.size() >= MAX_ENTRIES) {
                cache.clear();
            }
            cache.put(accessKeyId, new Entry(secret.get(), now.plus(TTL)));
        } else {
            cache.remove(accessKeyId);
        }
        return secret;
    }
}
