-- X.509 certificates of the registry, by the SHA-256 of their DER encoding.
CREATE TABLE certificate (
    certificate_id    VARCHAR(64) ${collate}    NOT NULL PRIMARY KEY,
    certificate_pem   VARCHAR(65536) ${collate} NOT NULL,
    status            VARCHAR(32) ${collate}    NOT NULL,
    ca_certificate_id VARCHAR(64) ${collate},
    created_at        BIGINT         NOT NULL, -- epoch milliseconds, like every time below
    last_modified_at  BIGINT         NOT NULL,
    not_before        BIGINT         NOT NULL,
    not_after         BIGINT         NOT NULL,
    generation_id     VARCHAR(36) ${collate}    NOT NULL,
    customer_version  INTEGER        NOT NULL
);

CREATE INDEX certificate_by_creation ON certificate (created_at, certificate_id);

-- Certificates attached to things. Neither side may be deleted while attached (AWS refuses both).
CREATE TABLE thing_principal (
    thing_name     VARCHAR(128) ${collate} NOT NULL REFERENCES thing (thing_name),
    certificate_id VARCHAR(64) ${collate}  NOT NULL REFERENCES certificate (certificate_id),
    exclusive      BOOLEAN      NOT NULL,
    attached_at    BIGINT       NOT NULL,
    PRIMARY KEY (thing_name, certificate_id)
);

CREATE INDEX thing_principal_by_certificate ON thing_principal (certificate_id, thing_name);

-- When a core device last called the data plane (null: never), and the version of its connectivity info.
ALTER TABLE core_device ADD COLUMN last_seen_at BIGINT;
ALTER TABLE core_device ADD COLUMN connectivity_version VARCHAR(36);

-- The endpoints at which client devices reach a core device, in the order they were set.
CREATE TABLE core_device_connectivity (
    thing_name      VARCHAR(128) ${collate}  NOT NULL REFERENCES core_device (thing_name) ON DELETE CASCADE,
    position        INTEGER       NOT NULL,
    connectivity_id VARCHAR(1024) ${collate},
    host_address    VARCHAR(1024) ${collate} NOT NULL,
    port_number     INTEGER       NOT NULL,
    metadata        VARCHAR(4096) ${collate},
    PRIMARY KEY (thing_name, position)
);

CREATE TABLE core_device_tag (
    thing_name VARCHAR(128) ${collate} NOT NULL REFERENCES core_device (thing_name) ON DELETE CASCADE,
    tag_key    VARCHAR(128) ${collate} NOT NULL,
    tag_value  VARCHAR(256) ${collate} NOT NULL,
    PRIMARY KEY (thing_name, tag_key)
);
