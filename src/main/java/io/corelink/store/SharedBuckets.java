package io.corelink.store;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;

/**
 * Token buckets kept in the store, so that every node of a deployment draws from the same bucket (operations.md §1:
 * a limit is the deployment's). A bucket's operations may reach the database and fail with an unchecked exception
 * when it cannot be reached.
 */
public interface SharedBuckets {
    /** The bucket of {@code key}, created with {@code configuration} the first time any node asks for it. */
    Bucket bucket(String key, BucketConfiguration configuration);
}
