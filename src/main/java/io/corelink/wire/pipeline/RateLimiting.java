package io.corelink.wire.pipeline;

import io.corelink.wire.http.Permission;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
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
 * once).
 */
public final class RateLimiting implements Stage {
    private static final int MAX_BUCKETS = 100_000;

    private final List<RateLimit> limits;
    private final List<Pattern> patterns;
    /** The limit deciding each action seen, or empty for none: the selectors are matched once per action. */
    private final Map<String, Optional<RateLimit>> chosen = new ConcurrentHashMap<>();
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    public RateLimiting(List<RateLimit> limits) {
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
        ConsumptionProbe probe = bucket(call.principal(), limit).tryConsumeAndReturnRemaining(1);
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
        String key = caller + '\n' + limit.selector();
        Bucket bucket = buckets.get(key);
        if (bucket != null) {
            return bucket;
        }
        if (buckets.size() >= MAX_BUCKETS) {
            buckets.clear();
        }
        return buckets.computeIfAbsent(key, k -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(limit.burst())
                        .refillGreedy(1, Duration.ofNanos(Math.max(1, Math.round(1e9 / limit.rate())))).build())
                .build());
    }
}
