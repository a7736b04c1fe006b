-- Tags of IoT policies (CreatePolicy's tags, TagResource): what issue 13's aws:ResourceTag conditions read.
CREATE TABLE iot_policy_tag (
    policy_name VARCHAR(128) ${collate} NOT NULL REFERENCES iot_policy (policy_name) ON DELETE CASCADE,
    tag_key     VARCHAR(128) ${collate} NOT NULL,
    tag_value   VARCHAR(256) ${collate} NOT NULL,
    PRIMARY KEY (policy_name, tag_key)
);
