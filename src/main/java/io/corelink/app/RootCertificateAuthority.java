package io.corelink.app;

import io.corelink.pki.CertificateAuthority;
import io.corelink.pki.Pem;
import io.corelink.store.Store;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

/**
 * The deployment's root CA lives in the store (the first node on an empty store creates it; every node uses it).
 * Each node writes a copy into its data directory: {@code ca/root-ca.pem}, which data-plane clients trust, and
 * {@code ca/root-ca-key.pem} (mode 0600, directory 0700) for offline tooling.
 */
final class RootCertificateAuthority {
    static final String CERTIFICATE_SETTING = "root-ca-certificate";
    static final String KEY_SETTING = "root-ca-private-key";
    static final String CERTIFICATE_FILE = "ca/root-ca.pem";
    static final String KEY_FILE = "ca/root-ca-key.pem";

    private RootCertificateAuthority() {
    }

    static CertificateAuthority ensure(Store store, DataDirectory dataDir, Clock clock) {
        if (store.read(tx -> tx.settings().find(CERTIFICATE_SETTING)).isEmpty()) {
            CertificateAuthority created = CertificateAuthority.create(clock);
            // Both rows in one transaction, in the same order on every node: a racing node's insert waits, then
            // finds both rows present and keeps them.
            store.write(tx -> {
                tx.settings().putIfAbsent(CERTIFICATE_SETTING, Pem.write(created.certificate()));
                tx.settings().putIfAbsent(KEY_SETTING, Pem.write(created.privateKey()));
                return null;
            });
        }
        String certificatePem = store.read(tx -> tx.settings().find(CERTIFICATE_SETTING)).orElseThrow();
        String keyPem = store.read(tx -> tx.settings().find(KEY_SETTING)).orElseThrow();
        writeCopies(dataDir, certificatePem, keyPem);
        return new CertificateAuthority(Pem.certificate(certificatePem), Pem.privateKey(keyPem));
    }

    private static void writeCopies(DataDirectory dataDir, String certificatePem, String keyPem) {
        try {
            Path caDir = dataDir.resolve("ca");
            Files.createDirectories(caDir);
            DataDirectory.setMode(caDir, "rwx------");
            DataDirectory.writeAtomically(dataDir.resolve(KEY_FILE), keyPem, "rw-------");
            DataDirectory.writeAtomically(dataDir.resolve(CERTIFICATE_FILE), certificatePem, "rw-r--r--");
        } catch (IOException e) {
            throw new StartupException("cannot write the root CA into " + dataDir.resolve("ca") + ": "
                    + e.getClass().getSimpleName());
        }
    }
}
