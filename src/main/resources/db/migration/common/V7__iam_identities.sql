-- IAM users, their access keys and policies (access-control.md §4). IAM names are unique whatever their case
-- ("Alice" and "alice" are one user), so each table is keyed by the lower-case name and keeps the name as created.
CREATE TABLE iam_user (
    user_key   VARCHAR(64) ${collate}  NOT NULL PRIMARY KEY,
    user_name  VARCHAR(64) ${collate}  NOT NULL,
    user_id    VARCHAR(32) ${collate}  NOT NULL,
    path       VARCHAR(512) ${collate} NOT NULL,
    created_at BIGINT       NOT NULL -- epoch milliseconds, like every time below
);

CREATE TABLE iam_user_tag (
    user_key  VARCHAR(64) ${collate}  NOT NULL REFERENCES iam_user (user_key) ON DELETE CASCADE,
    tag_key   VARCHAR(128) ${collate} NOT NULL,
    tag_value VARCHAR(256) ${collate} NOT NULL,
    PRIMARY KEY (user_key, tag_key)
);

-- A key with no user is the administrator's (the account's root). A user's key is 'Active' or 'Inactive'; an
-- inactive key signs nothing. A user cannot be deleted while it has keys (AWS's DeleteConflict), hence no cascade.
ALTER TABLE access_key ADD COLUMN user_key VARCHAR(64) ${collate} REFERENCES iam_user (user_key);
ALTER TABLE access_key ADD COLUMN status VARCHAR(8) ${collate} NOT NULL DEFAULT 'Active';
CREATE INDEX access_key_by_user ON access_key (user_key, access_key_id);

-- Inline policies of a user (PutUserPolicy).
CREATE TABLE iam_user_policy (
    user_key    VARCHAR(64) ${collate}    NOT NULL REFERENCES iam_user (user_key),
    policy_key  VARCHAR(128) ${collate}   NOT NULL,
    policy_name VARCHAR(128) ${collate}   NOT NULL,
    document    VARCHAR(131072) ${collate} NOT NULL, -- as sent: AWS returns it as it was put
    PRIMARY KEY (user_key, policy_key)
);

-- Customer managed policies. Version ids are v1, v2, ... never reused: last_version_id remembers the highest given.
CREATE TABLE iam_policy (
    policy_key         VARCHAR(128) ${collate}  NOT NULL PRIMARY KEY,
    policy_name        VARCHAR(128) ${collate}  NOT NULL,
    policy_id          VARCHAR(32) ${collate}   NOT NULL,
    path               VARCHAR(512) ${collate}  NOT NULL,
    description        VARCHAR(1000) ${collate} NOT NULL,
    default_version_id INTEGER       NOT NULL,
    last_version_id    INTEGER       NOT NULL,
    created_at         BIGINT        NOT NULL,
    updated_at         BIGINT        NOT NULL
);

CREATE TABLE iam_policy_version (
    policy_key VARCHAR(128) ${collate}    NOT NULL REFERENCES iam_policy (policy_key) ON DELETE CASCADE,
    version_id INTEGER        NOT NULL,
    document   VARCHAR(131072) ${collate} NOT NULL,
    created_at BIGINT         NOT NULL,
    PRIMARY KEY (policy_key, version_id)
);

CREATE TABLE iam_policy_tag (
    policy_key VARCHAR(128) ${collate} NOT NULL REFERENCES iam_policy (policy_key) ON DELETE CASCADE,
    tag_key    VARCHAR(128) ${collate} NOT NULL,
    tag_value  VARCHAR(256) ${collate} NOT NULL,
    PRIMARY KEY (policy_key, tag_key)
);

-- Managed policies attached to users. Neither side may be deleted while attached (AWS's DeleteConflict).
CREATE TABLE iam_user_policy_attachment (
    user_key   VARCHAR(64) ${collate}  NOT NULL REFERENCES iam_user (user_key),
    policy_key VARCHAR(128) ${collate} NOT NULL REFERENCES iam_policy (policy_key),
    PRIMARY KEY (user_key, policy_key)
);

CREATE INDEX iam_user_policy_attachment_by_policy ON iam_user_policy_attachment (policy_key, user_key);
