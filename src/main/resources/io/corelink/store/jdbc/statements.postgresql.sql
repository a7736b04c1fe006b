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
