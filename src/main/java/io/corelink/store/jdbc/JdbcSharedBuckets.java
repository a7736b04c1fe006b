package io.corelink.store.jdbc;

import io.corelink.store.SharedBuckets;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.distributed.jdbc.BucketTableSettings;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.distributed.jdbc.SQLProxyConfiguration;
import io.github.bucket4j.distributed.jdbc.SQLProxyConfigurationBuilder;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.distributed.proxy.optimization.NopeOptimizationListener;
import io.github.bucket4j.distributed.proxy.optimization.skiponzero.SkipSyncOnZeroOptimization;
import io.github.bucket4j.postgresql.PostgreSQLSelectForUpdateBasedProxyManager;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;

/**
 * Buckets in PostgreSQL's {@code rate_limit_bucket} table (migration V8), through Bucket4j's select-for-update proxy:
 * a consumption is one short transaction on a pooled connection (READ COMMITTED, the pool's default, so that
 * concurrent nodes queue on the row lock instead of failing to serialise). Once a bucket is known to be empty, its
 * refusals are decided on this node without the database until it may have refilled (Bucket4j's skip-on-zero
 * optimisation): a throttled request does not touch the store.
 */
final class JdbcSharedBuckets implements SharedBuckets {
    private static final int MAX_PROXIES = 100_000;

    private final ProxyManager<String> proxies;
    private final Map<String, Bucket> known = new ConcurrentHashMap<>();

    JdbcSharedBuckets(DataSource pool) {
        SQLProxyConfiguration<String> configuration = SQLProxyConfigurationBuilder.builder()
                .withTableSettings(BucketTableSettings.customSettings("rate_limit_bucket", "id", "state"))
                .withPrimaryKeyMapper(PrimaryKeyMapper.STRING)
                .build(pool);
        this.proxies = new PostgreSQLSelectForUpdateBasedProxyManager<>(configuration);
    }

    @Override
    public Bucket bucket(String key, BucketConfiguration configuration) {
        Bucket bucket = known.get(key);
        if (bucket != null) {
            return bucket;
        }
        if (known.size() >= MAX_PROXIES) {
            known.clear();
        }
        return known.computeIfAbsent(key, k -> proxies.builder()
                .withOptimization(new SkipSyncOnZeroOptimization(NopeOptimizationListener.INSTANCE,
                        TimeMeter.SYSTEM_MILLISECONDS))
                .build(k, () -> configuration));
    }
}
