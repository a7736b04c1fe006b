package io.corelink.wire.pipeline;

import io.corelink.wire.http.Permission;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The limit stage of the pipeline (operations.md §1): each caller (access key, or certificate on the data plane) has a
 * token bucket per configured selector (Bucket4j, greedy refill: the rate is continuous, the burst is the bucket's
 * size). The most specific selector naming the call's action decides. An empty bucket refuses the call at once with
 * {@link RateLimited}, before anything runs; no limit applies to an action no selector names, or without any
 * selector. Buckets are this node's, in memory and bounded (a full map starts again empty, which forgives every caller
 * once), unless a {@link BucketSource} shares them among the nodes of a deployment; when a shared bucket cannot be
 * reached the call is let through (the limiter must not be what takes the service down) and a warning is logged at
 * most once a minute.
 */
public final class RateLimiting implements Stage {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(RateLimiting.class);
    private static final int MAX_BUCKETS = 100_000;
    private static final long SHARED_RETRY_NANOS = 5_000_000_000L;

    private final List<RateLimit> limits;
    private final List<Pattern> patterns;
    /** The limit deciding each action seen, or empty for none: the selectors are matched once per action. */
    private final Map<String, Optional<RateLimit>> chosen = new ConcurrentHashMap<>();
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final @Nullable BucketSource shared;
    private final java.util.concurrent.atomic.AtomicLong lastWarning = new java.util.concurrent.atomic.AtomicLong();
    /** Until when (nanoTime) the shared buckets are not asked, after they could not be reached. */
    private volatile long sharedDownUntil;
    private final Map<String, Bucket> fallback = new ConcurrentHashMap<>();

    /** Where the buckets of a deployment live when several nodes share them. */
    @FunctionalInterface
    public interface BucketSource {
        Bucket bucket(String key, BucketConfiguration configuration);
    }

    /** Buckets in this node's memory. */
    public RateLimiting(List<RateLimit> limits) {
        this(limits, null);
    }

    /** @param shared the deployment's buckets, or null to keep them in this node's memory */
    public RateLimiting(List<RateLimit> limits, @Nullable BucketSource shared) {
        this.shared = shared;
        this.limits = limits.stream().sorted(Comparator.comparingInt(RateLimit::specificity).reversed()).toList();
        this.patterns = this.limits.stream().map(RateLimit::pattern).toList();
    }

    /** Whether any limit is configured (without one, the stage is left out of the pipeline). */
    public boolean isEmpty() {
        return limits.isEmpty();
    }

    @Override
    public void admit(Call call) {
        Permission permission = call.permission();
        if (permission == null || "-".equals(call.principal())) {
            return;
        }
        RateLimit limit = limitOf(permission.action());
        if (limit == null) {
            return;
        }
        ConsumptionProbe probe;
        if (shared != null && System.nanoTime() - sharedDownUntil < 0) {
            // The shared buckets could not be reached a moment ago: this node's own buckets keep limiting meanwhile,
            // instead of every limited call waiting for the database again.
            probe = localBucket(fallback, call.principal(), limit).tryConsumeAndReturnRemaining(1);
        } else {
            try {
                probe = bucket(call.principal(), limit).tryConsumeAndReturnRemaining(1);
            } catch (RuntimeException e) {
                long now = System.nanoTime();
                sharedDownUntil = now + SHARED_RETRY_NANOS;
                long last = lastWarning.get();
                if (now - last > 60_000_000_000L && lastWarning.compareAndSet(last, now)) {
                    LOG.warn("rate limits cannot reach the shared buckets ({}); this node limits on its own for now",
                            io.corelink.wire.http.SafeLog.describe(e));
                }
                return;
            }
        }
        if (!probe.isConsumed()) {
            long seconds = Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
            throw new RateLimited("rate limit " + limit + " reached for " + permission.action() + " by "
                    + call.principal(), seconds);
        }
    }

    private @Nullable RateLimit limitOf(String action) {
        Optional<RateLimit> known = chosen.get(action);
        if (known == null) {
            known = Optional.empty();
            for (int i = 0; i < limits.size(); i++) {
                if (patterns.get(i).matcher(action).matches()) {
                    known = Optional.of(limits.get(i));
                    break;
                }
            }
            if (chosen.size() < MAX_BUCKETS) {
                chosen.put(action, known);
            }
        }
        return known.orElse(null);
    }

    private Bucket bucket(String caller, RateLimit limit) {
        BucketSource source = shared;
        return source == null ? localBucket(buckets, caller, limit)
                : cached(buckets, key(caller, limit), key -> source.bucket(key, configuration(limit)));
    }

    private static Bucket localBucket(Map<String, Bucket> map, String caller, RateLimit limit) {
        return cached(map, key(caller, limit), key -> Bucket.builder()
                .addLimit(configuration(limit).getBandwidths()[0]).build());
    }

    /** The bucket of {@code key} in a bounded map: a full map starts again empty. */
    private static Bucket cached(Map<String, Bucket> map, String key,
                                 java.util.function.Function<String, Bucket> create) {
        Bucket bucket = map.get(key);
        if (bucket != null) {
            return bucket;
        }
        if (map.size() >= MAX_BUCKETS) {
            map.clear();
        }
        return map.computeIfAbsent(key, create);
    }

    /**
     * The limit itself is part of the key: a changed {@code --rate-limit} gets buckets of its own, where a bucket kept
     * by a shared store would otherwise keep the configuration it was created with.
     */
    private static String key(String caller, RateLimit limit) {
        return caller + '\n' + limit;
    }

    private static BucketConfiguration configuration(RateLimit limit) {
        return BucketConfiguration.builder()
                .addLimit(Bandwidth.builder().capacity(limit.burst())
                        .refillGreedy(1, Duration.ofNanos(Math.max(1, Math.round(1e9 / limit.rate())))).build())
                .build();
    }
}
