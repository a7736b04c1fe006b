-- PostgreSQL's blocks of statements.sql: its JSON array expansion is json_array_elements_text.

-- name: findExistingThings
SELECT thing_name FROM thing WHERE thing_name IN (SELECT value FROM json_array_elements_text(CAST(:names AS json)))

-- name: findMissingThings
SELECT n.value FROM json_array_elements_text(CAST(:names AS json)) AS n(value)
WHERE NOT EXISTS (SELECT 1 FROM thing WHERE thing_name = n.value)

-- name: insertAssociations
INSERT INTO client_device_association (core_thing_name, client_thing_name, associated_at)
SELECT :core, value, :now FROM json_array_elements_text(CAST(:names AS json))
ON CONFLICT (core_thing_name, client_thing_name) DO NOTHING

-- name: findAssociatedAmong
SELECT client_thing_name FROM client_device_association
WHERE core_thing_name = :core
  AND client_thing_name IN (SELECT value FROM json_array_elements_text(CAST(:names AS json)))

-- name: deleteAssociations
DELETE FROM client_device_association
WHERE core_thing_name = :core
  AND client_thing_name IN (SELECT value FROM json_array_elements_text(CAST(:names AS json)))

-- name: findChangeEventsAfter
SELECT position, event_id, event_time, event_type, operation, members, fan_out_member, fan_out, fan_out_deflated
FROM change_event
WHERE position > :after ORDER BY position LIMIT :limit

-- name: latestChangePosition
SELECT COALESCE(MAX(position), 0) FROM change_event

-- name: deleteOldChangeEvents
DELETE FROM change_event WHERE id IN
    (SELECT id FROM (SELECT id, event_time FROM change_event WHERE position IS NOT NULL ORDER BY position
                     LIMIT :limit) AS oldest
     WHERE event_time < :cutoff)
  AND position < (SELECT MAX(position) FROM change_event)

-- name: sequenceChangeEvents
-- Numbers committed rows after the latest position, in id order; run by one node at a time (an advisory lock).
UPDATE change_event c SET position = s.last + s.n
FROM (SELECT p.id, ROW_NUMBER() OVER (ORDER BY p.id) AS n,
             (SELECT COALESCE(MAX(position), 0) FROM change_event) AS last
      FROM (SELECT id FROM change_event WHERE position IS NULL ORDER BY id LIMIT :limit) AS p) AS s
WHERE c.id = s.id

-- name: lockSubject
-- Session-level locks, taken before the transaction begins (JdbcStore.runHolding); a wait lasts at most lock_timeout.
SELECT 1 FROM (SELECT pg_advisory_lock(hashtextextended(:subject, 0))) AS locked

-- name: unlockSubject
SELECT CAST(pg_advisory_unlock(hashtextextended(:subject, 0)) AS text)

-- name: lockSubjectShared
SELECT 1 FROM (SELECT pg_advisory_lock_shared(hashtextextended(:subject, 0))) AS locked

-- name: unlockSubjectShared
SELECT CAST(pg_advisory_unlock_shared(hashtextextended(:subject, 0)) AS text)
