-- The audit log (operations.md §3): one CloudTrail-shaped record per change, denial and failed authentication, kept
-- as its facts (the JSON record is made when it is read, so that writing it costs the change next to nothing).
-- Numbered in insertion order; no other index, for the same reason: lookups read newest first by id, and the
-- retention deletes from the oldest.
CREATE TABLE audit_event (
    id                 ${rowid},
    event_time         BIGINT        NOT NULL, -- epoch milliseconds
    event_id           VARCHAR(36)   ${collate} NOT NULL,
    event_source       VARCHAR(64)   ${collate} NOT NULL,
    event_name         VARCHAR(128)  ${collate} NOT NULL,
    principal          VARCHAR(128)  ${collate} NOT NULL, -- access key id or certificate id; '-' when none was given
    principal_arn      VARCHAR(2048) ${collate} NOT NULL, -- '-' when the caller is unknown
    user_identity      VARCHAR(4096) ${collate} NOT NULL, -- CloudTrail's userIdentity, JSON
    source_ip          VARCHAR(64)   ${collate} NOT NULL,
    user_agent         VARCHAR(1024) ${collate} NOT NULL,
    request_id         VARCHAR(64)   ${collate} NOT NULL,
    read_only          SMALLINT      NOT NULL,
    error_code         VARCHAR(128)  ${collate},
    error_message      TEXT,
    request_parameters TEXT                     -- JSON; null when the caller did not authenticate
);
