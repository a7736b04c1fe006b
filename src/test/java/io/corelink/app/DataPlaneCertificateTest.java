package io.corelink.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.corelink.domain.Account;
import io.corelink.pki.CertificateAuthority;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The data-plane certificate is kept in the data directory and reused only while it still fits. */
class DataPlaneCertificateTest {
    private static final Clock CLOCK = Clock.systemUTC();
    private static final CertificateAuthority CA = CertificateAuthority.create(CLOCK);
    @TempDir
    Path tmp;
    private DataDirectory dataDir;

    @BeforeEach
    void open() {
        dataDir = DataDirectory.open(tmp.resolve("data"));
    }

    @AfterEach
    void close() {
        dataDir.close();
    }

    @Test
    void aRestartReusesTheStoredCertificateAndKey() throws Exception {
        assertThat(DataPlaneCertificate.prepareKeys(dataDir.path())).isNotNull();
        DataPlaneCertificate.Issued first = DataPlaneCertificate.ensure(CA, config(List.of()), dataDir, CLOCK,
                DataPlaneCertificate.prepareKeys(dataDir.path()));
        assertThat(Files.getPosixFilePermissions(dataDir.resolve(DataPlaneCertificate.KEY_FILE)))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.getPosixFilePermissions(dataDir.resolve("tls")))
                .isEqualTo(PosixFilePermissions.fromString("rwx------"));
        assertThat(DataPlaneCertificate.prepareKeys(dataDir.path())).as("nothing to prepare on a restart").isNull();

        DataPlaneCertificate.Issued again = DataPlaneCertificate.ensure(CA, config(List.of()), dataDir, CLOCK, null);
        assertThat(again.chain()[0]).isEqualTo(first.chain()[0]);
        assertThat(again.keys().getPrivate().getEncoded()).isEqualTo(first.keys().getPrivate().getEncoded());
        assertThat(again.chain()[1]).isEqualTo(CA.certificate());
        first.chain()[0].verify(CA.certificate().getPublicKey());
        assertThat(sans(first.chain()[0])).containsExactlyInAnyOrder("localhost", "127.0.0.1");
    }

    @Test
    void otherNamesAnotherRootCaOrAnUnreadableFileGetANewCertificate() throws Exception {
        X509Certificate first = DataPlaneCertificate.ensure(CA, config(List.of()), dataDir, CLOCK, null).chain()[0];

        X509Certificate named = DataPlaneCertificate.ensure(CA, config(List.of("gateway.plant-7.example", "10.0.0.7")),
                dataDir, CLOCK, null).chain()[0];
        assertThat(named.getSerialNumber()).isNotEqualTo(first.getSerialNumber());
        assertThat(sans(named)).containsExactlyInAnyOrder("localhost", "127.0.0.1", "gateway.plant-7.example",
                "10.0.0.7");
        assertThat(DataPlaneCertificate.ensure(CA, config(List.of("gateway.plant-7.example", "10.0.0.7")), dataDir,
                CLOCK, null).chain()[0]).isEqualTo(named);

        CertificateAuthority otherCa = CertificateAuthority.create(CLOCK);
        X509Certificate reissued = DataPlaneCertificate.ensure(otherCa, config(List.of("gateway.plant-7.example",
                "10.0.0.7")), dataDir, CLOCK, null).chain()[0];
        reissued.verify(otherCa.certificate().getPublicKey());

        Files.writeString(dataDir.resolve(DataPlaneCertificate.KEY_FILE), "not a key");
        DataPlaneCertificate.Issued repaired = DataPlaneCertificate.ensure(otherCa, config(List.of(
                "gateway.plant-7.example", "10.0.0.7")), dataDir, CLOCK, CompletableFuture.completedFuture(
                CertificateAuthority.rsa2048()));
        assertThat(repaired.chain()[0].getSerialNumber()).isNotEqualTo(reissued.getSerialNumber());
        assertThat(Files.readString(dataDir.resolve(DataPlaneCertificate.KEY_FILE))).contains("PRIVATE KEY");
    }

    private ServerConfig config(List<String> dataPlaneHosts) {
        return new ServerConfig(dataDir.path(), "127.0.0.1", 0, List.of(0), dataPlaneHosts,
                new Account("eu-west-1", "123456789012"), null, null, null, null, null);
    }

    private static List<String> sans(X509Certificate certificate) throws Exception {
        return certificate.getSubjectAlternativeNames().stream().map(entry -> (String) entry.get(1)).toList();
    }
}
