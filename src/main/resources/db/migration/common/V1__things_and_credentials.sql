-- Things of the IoT registry. The name is the identity (it never changes), so other tables reference it directly.
CREATE TABLE thing (
    thing_name  VARCHAR(128) NOT NULL PRIMARY KEY,
    thing_id    VARCHAR(36)  NOT NULL,
    version     BIGINT       NOT NULL,
    created_at  BIGINT       NOT NULL -- epoch milliseconds
);

CREATE TABLE thing_attribute (
    thing_name      VARCHAR(128) NOT NULL REFERENCES thing (thing_name) ON DELETE CASCADE,
    attribute_name  VARCHAR(128) NOT NULL,
    attribute_value VARCHAR(800) NOT NULL,
    PRIMARY KEY (thing_name, attribute_name)
);

CREATE INDEX thing_attribute_by_value ON thing_attribute (attribute_name, attribute_value, thing_name);

-- Access keys that may sign requests. SigV4 needs the secret itself; the store file is 0600 in a 0700 directory.
CREATE TABLE access_key (
    access_key_id     VARCHAR(128) NOT NULL PRIMARY KEY,
    secret_access_key VARCHAR(128) NOT NULL,
    is_administrator  BOOLEAN      NOT NULL,
    created_at        BIGINT       NOT NULL
);

-- At most one administrator key, also when several nodes start at once on an empty store.
CREATE UNIQUE INDEX access_key_one_administrator ON access_key (is_administrator) WHERE is_administrator;

-- Values every node of a deployment shares (the page-token key, ...).
CREATE TABLE setting (
    name  VARCHAR(64)   NOT NULL PRIMARY KEY,
    value VARCHAR(4096) NOT NULL
);
