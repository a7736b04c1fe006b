-- Named statements of the JDBC store. Each block starts with "-- name: <name>"; a dialect file next to this one
-- (statements.<dialect>.sql) overrides only the blocks whose SQL differs.
--
-- A list of names (:names) is bound as one JSON array and expanded by the database (json_each here,
-- json_array_elements_text on PostgreSQL): the statement text stays the same whatever the list's length, and a
-- 100-entry batch is one statement, not 100 bound rows.

-- name: findThing
SELECT thing_name, thing_id, version, created_at FROM thing WHERE thing_name = :name

-- name: findAttributes
SELECT thing_name, attribute_name, attribute_value FROM thing_attribute
WHERE thing_name IN (<names>)
ORDER BY thing_name, attribute_name

-- name: insertThing
INSERT INTO thing (thing_name, thing_id, version, created_at) VALUES (:name, :thingId, :version, :createdAt)
ON CONFLICT (thing_name) DO NOTHING

-- name: insertAttribute
INSERT INTO thing_attribute (thing_name, attribute_name, attribute_value) VALUES (:name, :attributeName, :attributeValue)

-- name: deleteAttributes
DELETE FROM thing_attribute WHERE thing_name = :name

-- name: updateThingVersion
UPDATE thing SET version = :version WHERE thing_name = :name AND version = :expectedVersion

-- name: deleteThing
DELETE FROM thing WHERE thing_name = :name

-- name: listThings
SELECT thing_name, thing_id, version, created_at FROM thing t
WHERE t.thing_name > :after
ORDER BY t.thing_name
LIMIT :limit

-- name: listThingsHavingAttribute
SELECT thing_name, thing_id, version, created_at FROM thing t
WHERE t.thing_name > :after
  AND EXISTS (SELECT 1 FROM thing_attribute a
              WHERE a.thing_name = t.thing_name AND a.attribute_name = :attributeName)
ORDER BY t.thing_name
LIMIT :limit

-- name: listThingsWithAttributeValue
SELECT thing_name, thing_id, version, created_at FROM thing t
WHERE t.thing_name > :after
  AND EXISTS (SELECT 1 FROM thing_attribute a
              WHERE a.thing_name = t.thing_name AND a.attribute_name = :attributeName
                AND a.attribute_value = :attributeValue)
ORDER BY t.thing_name
LIMIT :limit

-- name: listThingsWithAttributePrefix
SELECT thing_name, thing_id, version, created_at FROM thing t
WHERE t.thing_name > :after
  AND EXISTS (SELECT 1 FROM thing_attribute a
              WHERE a.thing_name = t.thing_name AND a.attribute_name = :attributeName
                AND substr(a.attribute_value, 1, :prefixLength) = :attributeValue)
ORDER BY t.thing_name
LIMIT :limit

-- name: findSecret
SELECT secret_access_key FROM access_key WHERE access_key_id = :accessKeyId

-- name: findAdministratorKeyId
SELECT access_key_id FROM access_key WHERE is_administrator

-- name: deleteOtherAdministratorKeys
DELETE FROM access_key WHERE is_administrator AND access_key_id <> :accessKeyId

-- name: upsertAdministratorKey
INSERT INTO access_key (access_key_id, secret_access_key, is_administrator, created_at)
VALUES (:accessKeyId, :secret, TRUE, :createdAt)
ON CONFLICT (access_key_id) DO UPDATE SET secret_access_key = excluded.secret_access_key, is_administrator = TRUE,
    user_key = NULL, status = 'Active'

-- name: insertAdministratorKeyIfAbsent
INSERT INTO access_key (access_key_id, secret_access_key, is_administrator, created_at)
VALUES (:accessKeyId, :secret, TRUE, :createdAt)
ON CONFLICT DO NOTHING

-- name: findSetting
SELECT value FROM setting WHERE name = :name

-- name: insertSettingIfAbsent
INSERT INTO setting (name, value) VALUES (:name, :value) ON CONFLICT (name) DO NOTHING

-- name: findExistingThings
SELECT thing_name FROM thing WHERE thing_name IN (SELECT value FROM json_each(:names))

-- name: findMissingThings
SELECT n.value FROM json_each(:names) AS n WHERE NOT EXISTS (SELECT 1 FROM thing WHERE thing_name = n.value)

-- name: registerCoreDevice
INSERT INTO core_device (thing_name, registered_at) VALUES (:name, :now) ON CONFLICT (thing_name) DO NOTHING

-- name: insertAssociations
INSERT INTO client_device_association (core_thing_name, client_thing_name, associated_at)
SELECT :core, value, :now FROM json_each(:names) WHERE true
ON CONFLICT (core_thing_name, client_thing_name) DO NOTHING

-- name: findAssociatedAmong
SELECT client_thing_name FROM client_device_association
WHERE core_thing_name = :core AND client_thing_name IN (SELECT value FROM json_each(:names))

-- name: deleteAssociations
DELETE FROM client_device_association
WHERE core_thing_name = :core AND client_thing_name IN (SELECT value FROM json_each(:names))

-- name: listAssociations
SELECT client_thing_name, associated_at FROM client_device_association
WHERE core_thing_name = :core AND client_thing_name > :after
ORDER BY client_thing_name
LIMIT :limit

-- name: insertCertificate
INSERT INTO certificate (certificate_id, certificate_pem, status, ca_certificate_id, created_at, last_modified_at,
                         not_before, not_after, generation_id, customer_version)
VALUES (:id, :pem, :status, :caId, :createdAt, :lastModifiedAt, :notBefore, :notAfter, :generationId, :customerVersion)
ON CONFLICT (certificate_id) DO NOTHING

-- name: findCertificate
SELECT certificate_id, certificate_pem, status, ca_certificate_id, created_at, last_modified_at, not_before, not_after,
       generation_id, customer_version
FROM certificate WHERE certificate_id = :id

-- name: updateCertificate
UPDATE certificate SET status = :status, last_modified_at = :lastModifiedAt, generation_id = :generationId,
                       customer_version = :customerVersion
WHERE certificate_id = :id

-- name: deleteCertificate
DELETE FROM certificate WHERE certificate_id = :id

-- name: listCertificatesAscending
SELECT certificate_id, certificate_pem, status, ca_certificate_id, created_at, last_modified_at, not_before, not_after,
       generation_id, customer_version
FROM certificate
WHERE (created_at, certificate_id) > (:afterCreatedAt, :afterId)
ORDER BY created_at, certificate_id
LIMIT :limit

-- name: listCertificatesDescending
SELECT certificate_id, certificate_pem, status, ca_certificate_id, created_at, last_modified_at, not_before, not_after,
       generation_id, customer_version
FROM certificate
WHERE (created_at, certificate_id) < (:afterCreatedAt, :afterId)
ORDER BY created_at DESC, certificate_id DESC
LIMIT :limit

-- name: attachPrincipal
INSERT INTO thing_principal (thing_name, certificate_id, exclusive, attached_at)
VALUES (:thing, :certificate, :exclusive, :now)
ON CONFLICT (thing_name, certificate_id) DO UPDATE SET exclusive = excluded.exclusive

-- name: detachPrincipal
DELETE FROM thing_principal WHERE thing_name = :thing AND certificate_id = :certificate

-- name: findAttachments
SELECT thing_name, certificate_id, exclusive FROM thing_principal WHERE certificate_id = :certificate
ORDER BY thing_name

-- name: countPrincipalsOfThing
SELECT COUNT(*) FROM thing_principal WHERE thing_name = :thing

-- name: listPrincipalsOfThing
SELECT certificate_id FROM thing_principal
WHERE thing_name = :thing AND certificate_id > :after
ORDER BY certificate_id
LIMIT :limit

-- name: listThingsOfPrincipal
SELECT thing_name FROM thing_principal
WHERE certificate_id = :certificate AND thing_name > :after
ORDER BY thing_name
LIMIT :limit

-- name: findCoreDevice
SELECT thing_name, registered_at, last_seen_at, connectivity_version FROM core_device WHERE thing_name = :name

-- name: listCoreDevices
SELECT thing_name, registered_at, last_seen_at, connectivity_version FROM core_device
WHERE thing_name > :after
ORDER BY thing_name
LIMIT :limit

-- name: listHealthyCoreDevices
SELECT thing_name, registered_at, last_seen_at, connectivity_version FROM core_device
WHERE thing_name > :after AND last_seen_at >= :healthySince
ORDER BY thing_name
LIMIT :limit

-- name: listUnhealthyCoreDevices
SELECT thing_name, registered_at, last_seen_at, connectivity_version FROM core_device
WHERE thing_name > :after AND (last_seen_at IS NULL OR last_seen_at < :healthySince)
ORDER BY thing_name
LIMIT :limit

-- name: deleteCoreDevice
DELETE FROM core_device WHERE thing_name = :name

-- name: deleteAssociationsOfCore
DELETE FROM client_device_association WHERE core_thing_name = :name

-- name: markCoreDeviceSeen
UPDATE core_device SET last_seen_at = :now WHERE thing_name = :name

-- name: setConnectivityVersion
UPDATE core_device SET connectivity_version = :version WHERE thing_name = :name

-- name: deleteConnectivity
DELETE FROM core_device_connectivity WHERE thing_name = :name

-- name: insertConnectivity
INSERT INTO core_device_connectivity (thing_name, position, connectivity_id, host_address, port_number, metadata)
VALUES (:name, :position, :id, :hostAddress, :portNumber, :metadata)

-- name: findConnectivity
SELECT connectivity_id, host_address, port_number, metadata FROM core_device_connectivity
WHERE thing_name = :name ORDER BY position

-- name: findTags
SELECT tag_key, tag_value FROM core_device_tag WHERE thing_name = :name ORDER BY tag_key

-- name: upsertTag
INSERT INTO core_device_tag (thing_name, tag_key, tag_value) VALUES (:name, :key, :value)
ON CONFLICT (thing_name, tag_key) DO UPDATE SET tag_value = excluded.tag_value

-- name: deleteTags
DELETE FROM core_device_tag WHERE thing_name = :name AND tag_key IN (<keys>)

-- name: deleteCertificateAuthorities
DELETE FROM core_device_ca WHERE thing_name = :name

-- name: insertCertificateAuthority
INSERT INTO core_device_ca (thing_name, position, certificate_pem) VALUES (:name, :position, :pem)

-- name: findCertificateAuthorities
SELECT certificate_pem FROM core_device_ca WHERE thing_name = :name ORDER BY position

-- name: findThingsOfCertificate
SELECT thing_name FROM thing_principal WHERE certificate_id = :certificate ORDER BY thing_name

-- name: findCoresOfClient
SELECT core_thing_name FROM client_device_association WHERE client_thing_name = :client ORDER BY core_thing_name

-- name: findConnectivityOfCores
SELECT thing_name, connectivity_id, host_address, port_number, metadata FROM core_device_connectivity
WHERE thing_name IN (<names>)
ORDER BY thing_name, position

-- name: findCertificateAuthoritiesOfCores
SELECT thing_name, certificate_pem FROM core_device_ca
WHERE thing_name IN (<names>)
ORDER BY thing_name, position

-- name: findCoreDevicesAmong
SELECT thing_name FROM core_device WHERE thing_name IN (<names>)

-- name: findCertificatesOfThing
SELECT c.certificate_id, c.status FROM thing_principal p JOIN certificate c ON c.certificate_id = p.certificate_id
WHERE p.thing_name = :thing
ORDER BY c.certificate_id

-- name: insertIotPolicy
INSERT INTO iot_policy (policy_name, default_version_id, last_version_id, created_at, last_modified_at, generation_id)
VALUES (:name, 1, 1, :now, :now, :generationId)
ON CONFLICT (policy_name) DO NOTHING

-- name: insertIotPolicyVersion
INSERT INTO iot_policy_version (policy_name, version_id, document, created_at) VALUES (:name, :versionId, :document, :now)

-- name: findIotPolicy
SELECT p.policy_name, p.default_version_id, v.document, p.created_at, p.last_modified_at, p.generation_id
FROM iot_policy p JOIN iot_policy_version v ON v.policy_name = p.policy_name AND v.version_id = p.default_version_id
WHERE p.policy_name = :name

-- name: listIotPoliciesAscending
SELECT p.policy_name, p.default_version_id, v.document, p.created_at, p.last_modified_at, p.generation_id
FROM iot_policy p JOIN iot_policy_version v ON v.policy_name = p.policy_name AND v.version_id = p.default_version_id
WHERE (p.created_at, p.policy_name) > (:afterCreatedAt, :afterName)
ORDER BY p.created_at, p.policy_name
LIMIT :limit

-- name: listIotPoliciesDescending
SELECT p.policy_name, p.default_version_id, v.document, p.created_at, p.last_modified_at, p.generation_id
FROM iot_policy p JOIN iot_policy_version v ON v.policy_name = p.policy_name AND v.version_id = p.default_version_id
WHERE (p.created_at, p.policy_name) < (:afterCreatedAt, :afterName)
ORDER BY p.created_at DESC, p.policy_name DESC
LIMIT :limit

-- name: deleteIotPolicyVersions
DELETE FROM iot_policy_version WHERE policy_name = :name

-- name: deleteIotPolicy
DELETE FROM iot_policy WHERE policy_name = :name

-- name: findIotPolicyVersions
SELECT v.policy_name, v.version_id, v.document, v.version_id = p.default_version_id, v.created_at
FROM iot_policy_version v JOIN iot_policy p ON p.policy_name = v.policy_name
WHERE v.policy_name = :name
ORDER BY v.version_id

-- name: findIotPolicyVersion
SELECT v.policy_name, v.version_id, v.document, v.version_id = p.default_version_id, v.created_at
FROM iot_policy_version v JOIN iot_policy p ON p.policy_name = v.policy_name
WHERE v.policy_name = :name AND v.version_id = :versionId

-- name: nextIotPolicyVersionId
UPDATE iot_policy SET last_version_id = last_version_id + 1 WHERE policy_name = :name RETURNING last_version_id

-- name: setIotPolicyDefaultVersion
UPDATE iot_policy SET default_version_id = :versionId, last_modified_at = :now, generation_id = :generationId
WHERE policy_name = :name

-- name: deleteIotPolicyVersion
DELETE FROM iot_policy_version WHERE policy_name = :name AND version_id = :versionId

-- name: attachIotPolicy
INSERT INTO iot_policy_target (policy_name, certificate_id, attached_at) VALUES (:name, :certificate, :now)
ON CONFLICT (policy_name, certificate_id) DO NOTHING

-- name: detachIotPolicy
DELETE FROM iot_policy_target WHERE policy_name = :name AND certificate_id = :certificate

-- name: listIotPoliciesOfCertificateAscending
SELECT policy_name FROM iot_policy_target WHERE certificate_id = :certificate AND policy_name > :after
ORDER BY policy_name LIMIT :limit

-- name: listIotPoliciesOfCertificateDescending
SELECT policy_name FROM iot_policy_target WHERE certificate_id = :certificate AND (:first OR policy_name < :after)
ORDER BY policy_name DESC LIMIT :limit

-- name: listIotPolicyTargetsAscending
SELECT certificate_id FROM iot_policy_target WHERE policy_name = :name AND certificate_id > :after
ORDER BY certificate_id LIMIT :limit

-- name: listIotPolicyTargetsDescending
SELECT certificate_id FROM iot_policy_target WHERE policy_name = :name AND (:first OR certificate_id < :after)
ORDER BY certificate_id DESC LIMIT :limit

-- name: iotPolicyIsAttached
SELECT EXISTS (SELECT 1 FROM iot_policy_target WHERE policy_name = :name)

-- name: countIotPoliciesOfCertificate
SELECT COUNT(*) FROM iot_policy_target WHERE certificate_id = :certificate

-- name: findIotPoliciesAttachedTo
SELECT p.policy_name, p.default_version_id, v.document, p.created_at, p.last_modified_at, p.generation_id
FROM iot_policy_target t
JOIN iot_policy p ON p.policy_name = t.policy_name
JOIN iot_policy_version v ON v.policy_name = p.policy_name AND v.version_id = p.default_version_id
WHERE t.certificate_id = :certificate
ORDER BY p.policy_name

-- name: findIotPolicyTags
SELECT tag_key, tag_value FROM iot_policy_tag WHERE policy_name = :name ORDER BY tag_key

-- name: upsertIotPolicyTag
INSERT INTO iot_policy_tag (policy_name, tag_key, tag_value) VALUES (:name, :key, :value)
ON CONFLICT (policy_name, tag_key) DO UPDATE SET tag_value = excluded.tag_value

-- name: deleteIotPolicyTags
DELETE FROM iot_policy_tag WHERE policy_name = :name AND tag_key IN (<keys>)

-- name: deleteAllIotPolicyTags
DELETE FROM iot_policy_tag WHERE policy_name = :name

-- IAM identities (V7). :key is always the lower-case name; :prefix a path prefix compared with substr, so that no
-- character of it is a LIKE wildcard.

-- name: insertIamUser
INSERT INTO iam_user (user_key, user_name, user_id, path, created_at) VALUES (:key, :name, :userId, :path, :createdAt)
ON CONFLICT (user_key) DO NOTHING

-- name: findIamUser
SELECT user_name, user_id, path, created_at FROM iam_user WHERE user_key = :key

-- name: listIamUsers
SELECT user_name, user_id, path, created_at FROM iam_user
WHERE user_key > :after AND substr(path, 1, :prefixLength) = :prefix
ORDER BY user_key LIMIT :limit

-- name: deleteIamUser
DELETE FROM iam_user WHERE user_key = :key

-- name: deleteIamUserTags
DELETE FROM iam_user_tag WHERE user_key = :key

-- name: countIamUserDependents
SELECT (SELECT COUNT(*) FROM access_key WHERE user_key = :key),
       (SELECT COUNT(*) FROM iam_user_policy WHERE user_key = :key),
       (SELECT COUNT(*) FROM iam_user_policy_attachment WHERE user_key = :key)

-- name: findIamUserTags
SELECT tag_key, tag_value FROM iam_user_tag WHERE user_key = :key ORDER BY tag_key

-- name: upsertIamUserTag
INSERT INTO iam_user_tag (user_key, tag_key, tag_value) VALUES (:key, :tagKey, :tagValue)
ON CONFLICT (user_key, tag_key) DO UPDATE SET tag_value = excluded.tag_value

-- name: insertIamAccessKey
INSERT INTO access_key (access_key_id, secret_access_key, is_administrator, created_at, user_key, status)
VALUES (:accessKeyId, :secret, FALSE, :createdAt, :key, 'Active')

-- name: listIamAccessKeys
SELECT k.access_key_id, u.user_name, k.status, k.created_at FROM access_key k JOIN iam_user u ON u.user_key = k.user_key
WHERE k.user_key = :key ORDER BY k.created_at, k.access_key_id

-- name: updateIamAccessKey
UPDATE access_key SET status = :status WHERE user_key = :key AND access_key_id = :accessKeyId

-- name: deleteIamAccessKey
DELETE FROM access_key WHERE user_key = :key AND access_key_id = :accessKeyId

-- name: findActiveKey
SELECT k.secret_access_key, u.user_name, u.user_id, u.path, u.created_at
FROM access_key k LEFT JOIN iam_user u ON u.user_key = k.user_key
WHERE k.access_key_id = :accessKeyId AND k.status = 'Active'
  AND (k.is_administrator OR u.user_key IS NOT NULL) -- a key that is neither the root's nor a user's signs nothing

-- name: findIdentityPolicies
SELECT policy_name, document FROM iam_user_policy WHERE user_key = :key
UNION ALL
SELECT p.policy_name, v.document FROM iam_user_policy_attachment a
JOIN iam_policy p ON p.policy_key = a.policy_key
JOIN iam_policy_version v ON v.policy_key = p.policy_key AND v.version_id = p.default_version_id
WHERE a.user_key = :key

-- name: upsertIamUserPolicy
INSERT INTO iam_user_policy (user_key, policy_key, policy_name, document) VALUES (:key, :policyKey, :policyName, :document)
ON CONFLICT (user_key, policy_key) DO UPDATE SET policy_name = excluded.policy_name, document = excluded.document

-- name: findIamUserPolicy
SELECT policy_name, document FROM iam_user_policy WHERE user_key = :key AND policy_key = :policyKey

-- name: listIamUserPolicyNames
SELECT policy_name FROM iam_user_policy WHERE user_key = :key AND policy_key > :after ORDER BY policy_key LIMIT :limit

-- name: findIamInlinePolicies
SELECT policy_name, document FROM iam_user_policy WHERE user_key = :key

-- name: deleteIamUserPolicy
DELETE FROM iam_user_policy WHERE user_key = :key AND policy_key = :policyKey

-- name: insertIamPolicy
INSERT INTO iam_policy (policy_key, policy_name, policy_id, path, description, default_version_id, last_version_id,
                        created_at, updated_at)
VALUES (:policyKey, :policyName, :policyId, :path, :description, 1, 1, :createdAt, :createdAt)
ON CONFLICT (policy_key) DO NOTHING

-- name: insertIamPolicyVersion
INSERT INTO iam_policy_version (policy_key, version_id, document, created_at) VALUES (:policyKey, :version, :document, :now)

-- name: findIamPolicy
SELECT p.policy_name, p.policy_id, p.path, p.description, p.default_version_id,
       (SELECT COUNT(*) FROM iam_user_policy_attachment a WHERE a.policy_key = p.policy_key), p.created_at, p.updated_at
FROM iam_policy p WHERE p.policy_key = :policyKey

-- name: listIamPolicies
SELECT p.policy_name, p.policy_id, p.path, p.description, p.default_version_id,
       (SELECT COUNT(*) FROM iam_user_policy_attachment a WHERE a.policy_key = p.policy_key), p.created_at, p.updated_at
FROM iam_policy p
WHERE p.policy_key > :after AND substr(p.path, 1, :prefixLength) = :prefix
  AND (NOT :onlyAttached OR EXISTS (SELECT 1 FROM iam_user_policy_attachment a WHERE a.policy_key = p.policy_key))
ORDER BY p.policy_key LIMIT :limit

-- name: findIamPolicyTags
SELECT tag_key, tag_value FROM iam_policy_tag WHERE policy_key = :policyKey ORDER BY tag_key

-- name: insertIamPolicyTag
INSERT INTO iam_policy_tag (policy_key, tag_key, tag_value) VALUES (:policyKey, :tagKey, :tagValue)

-- name: deleteIamPolicy
DELETE FROM iam_policy WHERE policy_key = :policyKey

-- name: findIamPolicyVersions
SELECT v.version_id, v.document, v.version_id = p.default_version_id, v.created_at
FROM iam_policy_version v JOIN iam_policy p ON p.policy_key = v.policy_key
WHERE v.policy_key = :policyKey ORDER BY v.version_id

-- name: nextIamPolicyVersion
UPDATE iam_policy SET last_version_id = last_version_id + 1 WHERE policy_key = :policyKey RETURNING last_version_id

-- name: setIamPolicyDefaultVersion
UPDATE iam_policy SET default_version_id = :version, updated_at = :now WHERE policy_key = :policyKey

-- name: deleteIamPolicyVersion
DELETE FROM iam_policy_version WHERE policy_key = :policyKey AND version_id = :version

-- name: attachIamUserPolicy
INSERT INTO iam_user_policy_attachment (user_key, policy_key) VALUES (:key, :policyKey)
ON CONFLICT (user_key, policy_key) DO NOTHING

-- name: detachIamUserPolicy
DELETE FROM iam_user_policy_attachment WHERE user_key = :key AND policy_key = :policyKey

-- name: listIamAttachedPolicies
SELECT p.policy_name, p.policy_id, p.path, p.description, p.default_version_id,
       (SELECT COUNT(*) FROM iam_user_policy_attachment c WHERE c.policy_key = p.policy_key), p.created_at, p.updated_at
FROM iam_user_policy_attachment a JOIN iam_policy p ON p.policy_key = a.policy_key
WHERE a.user_key = :key AND p.policy_key > :after AND substr(p.path, 1, :prefixLength) = :prefix
ORDER BY p.policy_key LIMIT :limit

-- name: insertAuditEvent
-- Run with plain JDBC (PlainStatement): positional parameters, bound in this order.
INSERT INTO audit_event (event_time, event_id, event_source, event_name, principal, principal_arn, user_identity,
                         source_ip, user_agent, request_id, read_only, error_code, error_message, request_parameters,
                         request_parameters_deflated)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)

-- name: findAuditEvents
SELECT id, event_id, event_time, event_source, event_name, principal, principal_arn, user_identity, source_ip,
       user_agent, request_id, read_only, error_code, error_message, request_parameters, request_parameters_deflated
FROM audit_event
WHERE id < :before AND event_time >= :start AND event_time <= :end <filters>
ORDER BY id DESC LIMIT :limit

-- name: auditEventNameFilter
AND event_name = :eventName

-- name: auditPrincipalFilter
AND (principal = :principal OR principal_arn = :principal)

-- name: deleteOldAuditEvents
-- Looks only at the oldest :limit records (time follows id): no index on time, and no scan of the whole log.
DELETE FROM audit_event WHERE id IN
    (SELECT id FROM (SELECT id, event_time FROM audit_event ORDER BY id LIMIT :limit) AS oldest
     WHERE event_time < :cutoff)

-- name: insertChangeEvent
-- Run with plain JDBC (PlainStatement): positional parameters, bound in this order.
INSERT INTO change_event (event_id, event_time, event_type, operation, members, fan_out_member, fan_out,
                          fan_out_deflated)
VALUES (?, ?, ?, ?, ?, ?, ?, ?)

-- name: findChangeEventsAfter
SELECT id, event_id, event_time, event_type, operation, members, fan_out_member, fan_out, fan_out_deflated
FROM change_event
WHERE id > :after ORDER BY id LIMIT :limit

-- name: latestChangePosition
SELECT COALESCE(MAX(id), 0) FROM change_event

-- name: deleteOldChangeEvents
DELETE FROM change_event WHERE id IN
    (SELECT id FROM (SELECT id, event_time FROM change_event ORDER BY id LIMIT :limit) AS oldest
     WHERE event_time < :cutoff)
  AND id < (SELECT MAX(id) FROM change_event)

-- name: insertWebhookCursor
INSERT INTO event_webhook_cursor (url, position, lease_owner, lease_until) VALUES (:url, :position, NULL, 0)
ON CONFLICT (url) DO NOTHING

-- name: findWebhookCursor
SELECT position FROM event_webhook_cursor WHERE url = :url

-- name: leaseWebhook
UPDATE event_webhook_cursor SET lease_owner = :owner, lease_until = :until
WHERE url = :url AND (lease_owner = :owner OR lease_owner IS NULL OR lease_until < :now)

-- name: advanceWebhook
UPDATE event_webhook_cursor SET position = :position
WHERE url = :url AND lease_owner = :owner AND position < :position
