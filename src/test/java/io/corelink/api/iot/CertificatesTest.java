package io.corelink.api.iot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.corelink.testing.TestCertificates;
import io.corelink.testing.TestServer;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iot.IotClient;
import software.amazon.awssdk.services.iot.model.CertificateDescription;
import software.amazon.awssdk.services.iot.model.CertificateStateException;
import software.amazon.awssdk.services.iot.model.CertificateStatus;
import software.amazon.awssdk.services.iot.model.CertificateValidationException;
import software.amazon.awssdk.services.iot.model.CreateKeysAndCertificateResponse;
import software.amazon.awssdk.services.iot.model.DeleteConflictException;
import software.amazon.awssdk.services.iot.model.InvalidRequestException;
import software.amazon.awssdk.services.iot.model.ListCertificatesResponse;
import software.amazon.awssdk.services.iot.model.ResourceAlreadyExistsException;
import software.amazon.awssdk.services.iot.model.ResourceNotFoundException;

/** Certificates through the real {@link IotClient}: control-plane.md §6. */
class CertificatesTest {
    private static TestServer server;
    private static IotClient iot;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        iot = server.iot();
    }

    @AfterAll
    static void stop() {
        iot.close();
        server.close();
    }

    @Test
    void createKeysAndCertificate_issuesAnRsa2048PairSignedByTheRootCa() throws Exception {
        CreateKeysAndCertificateResponse created = iot.createKeysAndCertificate(r -> r.setAsActive(true));

        X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                new ByteArrayInputStream(created.certificatePem().getBytes(StandardCharsets.US_ASCII)));
        assertThat(created.certificateId()).isEqualTo(TestCertificates.sha256OfDer(created.certificatePem()));
        assertThat(created.certificateArn()).isEqualTo("arn:aws:iot:us-east-1:000000000000:cert/"
                + created.certificateId());
        X509Certificate root = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                Files.newInputStream(server.databaseFile().resolveSibling("ca/root-ca.pem")));
        certificate.verify(root.getPublicKey());
        assertThat(certificate.getIssuerX500Principal()).isEqualTo(root.getSubjectX500Principal());

        assertThat(created.keyPair().privateKey()).startsWith("-----BEGIN RSA PRIVATE KEY-----\n");
        assertThat(created.keyPair().publicKey()).startsWith("-----BEGIN PUBLIC KEY-----\n");
        PEMKeyPair pair = (PEMKeyPair) new PEMParser(new StringReader(created.keyPair().privateKey())).readObject();
        java.security.PrivateKey privateKey = new JcaPEMKeyConverter().getPrivateKey(pair.getPrivateKeyInfo());
        assertThat(((java.security.interfaces.RSAPrivateKey) privateKey).getModulus().bitLength()).isEqualTo(2048);
        String publicBase64 = created.keyPair().publicKey().replaceAll("-----[A-Z ]+-----|\\s", "");
        java.security.PublicKey publicKey = KeyFactory.getInstance("RSA").generatePublic(
                new X509EncodedKeySpec(Base64.getDecoder().decode(publicBase64)));
        assertThat(publicKey).isEqualTo(certificate.getPublicKey());
        Signature signature = Signature.getInstance("SHA256withRSA");
        signature.initSign(privateKey);
        signature.update(new byte[] {1, 2, 3});
        byte[] signed = signature.sign();
        signature.initVerify(certificate.getPublicKey());
        signature.update(new byte[] {1, 2, 3});
        assertThat(signature.verify(signed)).isTrue();

        CertificateDescription description = iot.describeCertificate(r -> r.certificateId(created.certificateId()))
                .certificateDescription();
        assertThat(description.status()).isEqualTo(CertificateStatus.ACTIVE);
        assertThat(description.certificatePem()).isEqualTo(created.certificatePem());
        assertThat(description.ownedBy()).isEqualTo("000000000000");
        assertThat(description.caCertificateId()).isEqualTo(TestCertificates.sha256OfDer(Files.readString(
                server.databaseFile().resolveSibling("ca/root-ca.pem"))));
        assertThat(description.validity().notAfter()).isEqualTo(Instant.parse("2049-12-31T23:59:59Z"));
        assertThat(description.creationDate()).isCloseTo(Instant.now(), org.assertj.core.api.Assertions.within(
                1, java.time.temporal.ChronoUnit.MINUTES));
        assertThat(description.customerVersion()).isEqualTo(1);
        assertThat(server.raw().request("GET", "/certificates/" + created.certificateId()).send().body())
                .doesNotContain("PRIVATE KEY");
    }

    @Test
    void createKeysAndCertificate_isInactiveByDefault() {
        String id = iot.createKeysAndCertificate(r -> { }).certificateId();
        assertThat(iot.describeCertificate(r -> r.certificateId(id)).certificateDescription().status())
                .isEqualTo(CertificateStatus.INACTIVE);
    }

    @Test
    void registerCertificateWithoutCA_acceptsAnyIssuer_idIsTheSha256OfTheDer() {
        String pem = TestCertificates.selfSigned("device-made-1");
        String id = iot.registerCertificateWithoutCA(r -> r.certificatePem(pem)).certificateId();
        assertThat(id).isEqualTo(TestCertificates.sha256OfDer(pem));
        CertificateDescription description = iot.describeCertificate(r -> r.certificateId(id)).certificateDescription();
        assertThat(description.status()).isEqualTo(CertificateStatus.INACTIVE);
        assertThat(description.caCertificateId()).isNull();
        assertThat(description.certificatePem()).isEqualTo(pem);

        String active = TestCertificates.selfSigned("device-made-2");
        String activeId = iot.registerCertificateWithoutCA(r -> r.certificatePem(active)
                .status(CertificateStatus.ACTIVE)).certificateId();
        assertThat(iot.describeCertificate(r -> r.certificateId(activeId.toUpperCase())).certificateDescription()
                .status()).isEqualTo(CertificateStatus.ACTIVE);
    }

    @Test
    void registerCertificateWithoutCA_rejectsGarbageExpiredAndDuplicates() {
        assertThatThrownBy(() -> iot.registerCertificateWithoutCA(r -> r.certificatePem("not a certificate")))
                .isInstanceOfSatisfying(CertificateValidationException.class, e -> assertThat(e.statusCode())
                        .isEqualTo(400));
        assertThatThrownBy(() -> iot.registerCertificateWithoutCA(r -> r.certificatePem(
                "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n")))
                .isInstanceOf(CertificateValidationException.class);
        String expired = TestCertificates.selfSigned("expired", Instant.now().minusSeconds(7200),
                Instant.now().minusSeconds(3600));
        assertThatThrownBy(() -> iot.registerCertificateWithoutCA(r -> r.certificatePem(expired)))
                .isInstanceOf(CertificateValidationException.class);

        String pem = TestCertificates.selfSigned("duplicate");
        String id = iot.registerCertificateWithoutCA(r -> r.certificatePem(pem)).certificateId();
        assertThatThrownBy(() -> iot.registerCertificateWithoutCA(r -> r.certificatePem(pem)))
                .isInstanceOfSatisfying(ResourceAlreadyExistsException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(409);
                    assertThat(e.resourceId()).isEqualTo(id);
                    assertThat(e.resourceArn()).endsWith(":cert/" + id);
                });
        assertThatThrownBy(() -> iot.registerCertificateWithoutCA(r -> r.certificatePem(
                TestCertificates.selfSigned("pending")).status(CertificateStatus.PENDING_TRANSFER)))
                .isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> iot.registerCertificateWithoutCA(r -> r.certificatePem("")))
                .isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void updateCertificate_changesTheStatus_idempotently() {
        String id = iot.registerCertificateWithoutCA(r -> r.certificatePem(TestCertificates.selfSigned("upd")))
                .certificateId();
        iot.updateCertificate(r -> r.certificateId(id).newStatus(CertificateStatus.ACTIVE));
        iot.updateCertificate(r -> r.certificateId(id).newStatus(CertificateStatus.ACTIVE));
        CertificateDescription active = iot.describeCertificate(r -> r.certificateId(id)).certificateDescription();
        assertThat(active.status()).isEqualTo(CertificateStatus.ACTIVE);
        assertThat(active.customerVersion()).isEqualTo(2);
        iot.updateCertificate(r -> r.certificateId(id).newStatus(CertificateStatus.REVOKED));
        assertThat(iot.describeCertificate(r -> r.certificateId(id)).certificateDescription().status())
                .isEqualTo(CertificateStatus.REVOKED);

        assertThatThrownBy(() -> iot.updateCertificate(r -> r.certificateId(id)
                .newStatus(CertificateStatus.PENDING_ACTIVATION))).isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> iot.updateCertificate(r -> r.certificateId("a".repeat(64))
                .newStatus(CertificateStatus.ACTIVE))).isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> iot.updateCertificate(r -> r.certificateId(id).newStatus("SOMETIMES")))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.awsErrorDetails()
                        .errorMessage()).contains("'newStatus'").contains("enum value set"));
    }

    @Test
    void deleteCertificate_refusesActiveFirst_thenAttached_thenDeletes() {
        String id = iot.createKeysAndCertificate(r -> r.setAsActive(true)).certificateId();
        String arn = "arn:aws:iot:us-east-1:000000000000:cert/" + id;
        iot.createThing(r -> r.thingName("holder"));
        iot.attachThingPrincipal(r -> r.thingName("holder").principal(arn));

        assertThatThrownBy(() -> iot.deleteCertificate(r -> r.certificateId(id)))
                .isInstanceOfSatisfying(CertificateStateException.class, e -> assertThat(e.statusCode()).isEqualTo(406));
        iot.updateCertificate(r -> r.certificateId(id).newStatus(CertificateStatus.INACTIVE));
        assertThatThrownBy(() -> iot.deleteCertificate(r -> r.certificateId(id).forceDelete(true)))
                .isInstanceOfSatisfying(DeleteConflictException.class, e -> assertThat(e.statusCode()).isEqualTo(409));
        iot.detachThingPrincipal(r -> r.thingName("holder").principal(arn));
        iot.deleteCertificate(r -> r.certificateId(id));
        assertThatThrownBy(() -> iot.describeCertificate(r -> r.certificateId(id)))
                .isInstanceOfSatisfying(ResourceNotFoundException.class, e -> assertThat(e.statusCode()).isEqualTo(404));
        assertThatThrownBy(() -> iot.deleteCertificate(r -> r.certificateId(id)))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void certificateIds_mustBe64HexCharacters() {
        assertThatThrownBy(() -> iot.describeCertificate(r -> r.certificateId("abc")))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.awsErrorDetails()
                        .errorMessage()).contains("'certificateId'"));
        assertThatThrownBy(() -> iot.describeCertificate(r -> r.certificateId("z".repeat(64))))
                .isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void listCertificates_pagesByCreationDate_inEitherOrder() {
        try (TestServer own = TestServer.start(); IotClient client = own.iot()) {
            List<String> created = new ArrayList<>();
            for (int i = 0; i < 7; i++) {
                created.add(client.registerCertificateWithoutCA(r -> r.certificatePem(
                        TestCertificates.selfSigned("list"))).certificateId());
            }
            List<String> ascending = new ArrayList<>();
            String marker = null;
            do {
                String current = marker;
                ListCertificatesResponse page = client.listCertificates(r -> r.pageSize(3).ascendingOrder(true)
                        .marker(current));
                page.certificates().forEach(c -> ascending.add(c.certificateId()));
                marker = page.nextMarker();
                if (marker != null) {
                    assertThat(marker).matches("[A-Za-z0-9+/]+={0,2}");
                }
            } while (marker != null);
            assertThat(ascending).containsExactlyInAnyOrderElementsOf(created).doesNotHaveDuplicates();

            List<String> descending = client.listCertificatesPaginator(r -> r.pageSize(2)).certificates().stream()
                    .map(c -> c.certificateId()).toList();
            List<String> reversed = new ArrayList<>(ascending);
            java.util.Collections.reverse(reversed);
            assertThat(descending).isEqualTo(reversed);
            assertThat(client.listCertificates(r -> r.pageSize(250)).certificates()).hasSize(7)
                    .allSatisfy(c -> assertThat(c.certificateArn()).endsWith(c.certificateId()));

            String ascendingMarker = client.listCertificates(r -> r.pageSize(3).ascendingOrder(true)).nextMarker();
            assertThatThrownBy(() -> client.listCertificates(r -> r.pageSize(3).marker(ascendingMarker)))
                    .isInstanceOf(InvalidRequestException.class);
            assertThatThrownBy(() -> client.listCertificates(r -> r.pageSize(251)))
                    .isInstanceOf(InvalidRequestException.class);
        }
    }
}
