package io.corelink.store;

/** The repositories available inside one transaction; they must not be used after it ends. */
public interface StoreTransaction {
    ThingRepository things();

    AssociationRepository associations();

    CoreDeviceRepository coreDevices();

    CertificateRepository certificates();

    PrincipalRepository principals();

    DiscoveryRepository discovery();

    CredentialRepository credentials();

    SettingRepository settings();

    IotPolicyRepository iotPolicies();

    IamRepository iam();

    AuditRepository audit();

    EventRepository events();
}
