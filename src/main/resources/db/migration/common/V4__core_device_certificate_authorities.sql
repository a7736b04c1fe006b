-- The CA certificates a core device uploaded (PutCertificateAuthorities), in upload order, PEM exactly as received.
CREATE TABLE core_device_ca (
    thing_name      VARCHAR(128) ${collate}   NOT NULL REFERENCES core_device (thing_name) ON DELETE CASCADE,
    position        INTEGER        NOT NULL,
    certificate_pem VARCHAR(65536) ${collate} NOT NULL,
    PRIMARY KEY (thing_name, position)
);
