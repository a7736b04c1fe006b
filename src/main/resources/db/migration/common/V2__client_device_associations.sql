-- Core devices: a thing becomes one when a client device is first associated with it (and, later, when it calls
-- the data plane or gets connectivity info). Deleting the thing deletes its core-device record.
CREATE TABLE core_device (
    thing_name    VARCHAR(128) ${collate} NOT NULL PRIMARY KEY REFERENCES thing (thing_name) ON DELETE CASCADE,
    registered_at BIGINT       NOT NULL -- epoch milliseconds
);

-- Which client devices may discover which core devices. Deleting either thing deletes the association.
CREATE TABLE client_device_association (
    core_thing_name   VARCHAR(128) ${collate} NOT NULL REFERENCES thing (thing_name) ON DELETE CASCADE,
    client_thing_name VARCHAR(128) ${collate} NOT NULL REFERENCES thing (thing_name) ON DELETE CASCADE,
    associated_at     BIGINT       NOT NULL, -- epoch milliseconds
    PRIMARY KEY (core_thing_name, client_thing_name)
);

-- Discovery asks the other way round: the core devices of one client device.
CREATE INDEX client_device_association_by_client ON client_device_association (client_thing_name, core_thing_name);
