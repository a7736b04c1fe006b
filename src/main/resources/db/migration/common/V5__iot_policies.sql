-- IoT policies. Version ids count up from 1 and are never reused: last_version_id remembers the highest ever given.
CREATE TABLE iot_policy (
    policy_name        VARCHAR(128) ${collate} NOT NULL PRIMARY KEY,
    default_version_id INTEGER      NOT NULL,
    last_version_id    INTEGER      NOT NULL,
    created_at         BIGINT       NOT NULL, -- epoch milliseconds, like every time below
    last_modified_at   BIGINT       NOT NULL,
    generation_id      VARCHAR(36) ${collate}  NOT NULL
);

CREATE TABLE iot_policy_version (
    policy_name VARCHAR(128) ${collate}    NOT NULL REFERENCES iot_policy (policy_name) ON DELETE CASCADE,
    version_id  INTEGER       NOT NULL,
    document    VARCHAR(404600) ${collate} NOT NULL, -- as sent: AWS returns it unchanged
    created_at  BIGINT        NOT NULL,
    PRIMARY KEY (policy_name, version_id)
);

-- Policies attached to certificates. Neither side may be deleted while attached (AWS refuses both).
CREATE TABLE iot_policy_target (
    policy_name    VARCHAR(128) ${collate} NOT NULL REFERENCES iot_policy (policy_name),
    certificate_id VARCHAR(64) ${collate}  NOT NULL REFERENCES certificate (certificate_id),
    attached_at    BIGINT       NOT NULL,
    PRIMARY KEY (policy_name, certificate_id)
);

-- The data plane asks the other way round: the policies of one certificate.
CREATE INDEX iot_policy_target_by_certificate ON iot_policy_target (certificate_id, policy_name);
