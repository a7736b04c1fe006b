-- Change events (operations.md §4): the outbox, written in the transaction of each change. A row is one change, which
-- may stand for many events of one kind (a batch of associations fans out into one event per client device).
-- position is the row's place in the deployment's stream, in commit order: SQLite's one writer commits in id order,
-- so its stream is the id (never reused: the retention keeps the latest row, so the next id always follows it); on
-- PostgreSQL a sequencer numbers committed rows in the order they became visible.
CREATE TABLE change_event (
    id             ${rowid},
    position       BIGINT,
    event_id       VARCHAR(36)  ${collate} NOT NULL,
    event_time     BIGINT       NOT NULL, -- epoch milliseconds
    event_type     VARCHAR(32)  ${collate} NOT NULL,
    operation      VARCHAR(16)  ${collate} NOT NULL,
    members        TEXT         NOT NULL, -- JSON object
    fan_out_member VARCHAR(64)  ${collate},
    fan_out        TEXT                   -- the names, one a line
);
${changeEventPositionIndex}

-- Where each --event-webhook stands, and which node delivers to it now (a lease).
CREATE TABLE event_webhook_cursor (
    url         VARCHAR(2048) ${collate} NOT NULL PRIMARY KEY,
    position    BIGINT        NOT NULL,
    lease_owner VARCHAR(64)   ${collate},
    lease_until BIGINT        NOT NULL
);
