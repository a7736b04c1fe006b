-- Token buckets of serve --rate-limit that every node of a PostgreSQL deployment shares (Bucket4j's JDBC layout: a
-- key and the bucket's serialised state). Unused on SQLite, where one node keeps its buckets in memory.
CREATE TABLE rate_limit_bucket (
    id    VARCHAR(512) ${collate} NOT NULL PRIMARY KEY, -- caller and selector
    state BYTEA
);
