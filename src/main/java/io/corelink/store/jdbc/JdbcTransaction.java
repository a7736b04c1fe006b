package io.corelink.store.jdbc;

import io.corelink.store.AssociationRepository;
import io.corelink.store.AuditRepository;
import io.corelink.store.EventRepository;
import io.corelink.store.CertificateRepository;
import io.corelink.store.CoreDeviceRepository;
import io.corelink.store.PrincipalRepository;
import io.corelink.store.CredentialRepository;
import io.corelink.store.DiscoveryRepository;
import io.corelink.store.IamRepository;
import io.corelink.store.IotPolicyRepository;
import io.corelink.store.SettingRepository;
import io.corelink.store.StoreTransaction;
import io.corelink.store.ThingRepository;
import java.util.concurrent.atomic.LongAdder;
import org.jdbi.v3.core.Handle;
import org.jspecify.annotations.Nullable;

/** The repositories of one transaction, all sharing its handle. */
final class JdbcTransaction implements StoreTransaction {
    private final Handle handle;
    private final SqlStatements sql;

    private final java.util.function.BooleanSupplier recordsChangeEvents;
    private final LongAdder plainStatements;
    private final boolean compressLongTexts;
    private final JdbcEventRepository.@Nullable Expected expectedEvent;

    /**
     * @param recordsChangeEvents whether {@link #events()} writes, asked once a transaction
     * @param plainStatements counts the statements run with plain JDBC ({@link PlainStatement})
     * @param compressLongTexts whether the audit log and the outbox write long texts compressed ({@link CompressedText})
     */
    JdbcTransaction(Handle handle, SqlStatements sql, java.util.function.BooleanSupplier recordsChangeEvents,
                    LongAdder plainStatements, boolean compressLongTexts) {
        this(handle, sql, recordsChangeEvents, plainStatements, compressLongTexts, null);
    }

    private JdbcTransaction(Handle handle, SqlStatements sql, java.util.function.BooleanSupplier recordsChangeEvents,
                            LongAdder plainStatements, boolean compressLongTexts,
                            JdbcEventRepository.@Nullable Expected expectedEvent) {
        this.handle = handle;
        this.sql = sql;
        this.recordsChangeEvents = recordsChangeEvents;
        this.plainStatements = plainStatements;
        this.compressLongTexts = compressLongTexts;
        this.expectedEvent = expectedEvent;
    }

    /**
     * This transaction, its work expected to append the event whose row was made before it (see
     * {@link JdbcEventRepository#row}).
     */
    JdbcTransaction expecting(JdbcEventRepository.Expected expected) {
        return new JdbcTransaction(handle, sql, recordsChangeEvents, plainStatements, compressLongTexts, expected);
    }

    @Override
    public ThingRepository things() {
        return new JdbcThingRepository(handle, sql);
    }

    @Override
    public AssociationRepository associations() {
        return new JdbcAssociationRepository(handle, sql);
    }

    @Override
    public CoreDeviceRepository coreDevices() {
        return new JdbcCoreDeviceRepository(handle, sql);
    }

    @Override
    public CertificateRepository certificates() {
        return new JdbcCertificateRepository(handle, sql);
    }

    @Override
    public PrincipalRepository principals() {
        return new JdbcPrincipalRepository(handle, sql);
    }

    @Override
    public DiscoveryRepository discovery() {
        return new JdbcDiscoveryRepository(handle, sql);
    }

    @Override
    public CredentialRepository credentials() {
        return new JdbcCredentialRepository(handle, sql);
    }

    @Override
    public IotPolicyRepository iotPolicies() {
        return new JdbcIotPolicyRepository(handle, sql);
    }

    @Override
    public IamRepository iam() {
        return new JdbcIamRepository(handle, sql);
    }

    @Override
    public SettingRepository settings() {
        return new JdbcSettingRepository(handle, sql);
    }

    @Override
    public JdbcAuditRepository audit() {
        return new JdbcAuditRepository(handle, sql, plainStatements, compressLongTexts);
    }

    @Override
    public EventRepository events() {
        return new JdbcEventRepository(handle, sql, recordsChangeEvents.getAsBoolean(), plainStatements,
                compressLongTexts, expectedEvent);
    }
}
