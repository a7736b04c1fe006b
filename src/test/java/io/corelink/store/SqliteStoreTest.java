package io.corelink.store;

import io.corelink.store.jdbc.SqliteStore;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** The store contracts against a real SQLite file. */
class SqliteStoreTest implements ThingRepositoryContract, AssociationRepositoryContract, CertificateRepositoryContract,
        DiscoveryRepositoryContract, CoreDeviceRepositoryContract, PrincipalRepositoryContract,
        CredentialRepositoryContract, SettingRepositoryContract, IotPolicyRepositoryContract, IamRepositoryContract,
        AuditRepositoryContract, EventRepositoryContract {
    @TempDir
    Path dir;
    private Store store;

    @BeforeEach
    void open() {
        store = SqliteStore.open(dir.resolve("contract.db"));
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
