-- The audit log (operations.md §3): one CloudTrail-shaped record per change, denial and failed authentication. The
-- record is kept as the JSON it is served as; the columns beside it are what lookups filter and page on.
CREATE TABLE audit_event (
    event_time    BIGINT        NOT NULL, -- epoch milliseconds
    event_id      VARCHAR(36)   ${collate} NOT NULL,
    event_name    VARCHAR(128)  ${collate} NOT NULL,
    principal     VARCHAR(128)  ${collate} NOT NULL, -- access key id or certificate id; '-' when none was given
    principal_arn VARCHAR(2048) ${collate} NOT NULL, -- '-' when the caller is unknown
    record        TEXT          NOT NULL,
    PRIMARY KEY (event_time, event_id)
);
CREATE INDEX audit_event_by_name ON audit_event (event_name, event_time, event_id);
CREATE INDEX audit_event_by_principal ON audit_event (principal, event_time, event_id);
CREATE INDEX audit_event_by_principal_arn ON audit_event (principal_arn, event_time, event_id);
