-- ${collate} is COLLATE "C" on PostgreSQL and nothing on SQLite (BINARY already): names compare and sort by
-- code point on every store, whatever the database's locale.
-- Things of the IoT registry. The name is the identity (it never changes), so other tables reference it directly.
CREATE TABLE thing (
    thing_name  VARCHAR(128) ${collate} NOT NULL PRIMARY KEY,
    thing_id    VARCHAR(36) ${collate}  NOT NULL,
    version     BIGINT       NOT NULL,
    created_at  BIGINT       NOT NULL -- epoch milliseconds
);

CREATE TABLE thing_attribute (
    thing_name      VARCHAR(128) ${collate} NOT NULL REFERENCES thing (thing_name) ON DELETE CASCADE,
    attribute_name  VARCHAR(128) ${collate} NOT NULL,
    attribute_value VARCHAR(800) ${collate} NOT NULL,
    PRIMARY KEY (thing_name, attribute_name)
);

CREATE INDEX thing_attribute_by_value ON thing_attribute (attribute_name, attribute_value, thing_name);

-- Access keys that may sign requests. SigV4 needs the secret itself; the store file is 0600 in a 0700 directory.
CREATE TABLE access_key (
    access_key_id     VARCHAR(128) ${collate} NOT NULL PRIMARY KEY,
    secret_access_key VARCHAR(128) ${collate} NOT NULL,
    is_administrator  BOOLEAN      NOT NULL,
    created_at        BIGINT       NOT NULL
);

-- At most one administrator key, also when several nodes start at once on an empty store.
CREATE UNIQUE INDEX access_key_one_administrator ON access_key (is_administrator) WHERE is_administrator;

-- Values every node of a deployment shares (the page-token key, ...).
CREATE TABLE setting (
    name  VARCHAR(64) ${collate}   NOT NULL PRIMARY KEY,
    value VARCHAR(4096) ${collate} NOT NULL
);
