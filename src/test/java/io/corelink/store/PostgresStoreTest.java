package io.corelink.store;

import io.corelink.store.jdbc.PostgresStore;
import io.corelink.testing.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The same store contracts against a real PostgreSQL 17. */
class PostgresStoreTest implements ThingRepositoryContract, AssociationRepositoryContract,
        CertificateRepositoryContract, DiscoveryRepositoryContract, CoreDeviceRepositoryContract,
        PrincipalRepositoryContract, CredentialRepositoryContract, SettingRepositoryContract, IotPolicyRepositoryContract,
        IamRepositoryContract,
        AuditRepositoryContract, EventRepositoryContract {
    private Store store;

    @BeforeEach
    void open() {
        store = PostgresStore.open(TestPostgres.newDatabase(), "postgres", null);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Override
    public Store store() {
        return store;
    }
}
