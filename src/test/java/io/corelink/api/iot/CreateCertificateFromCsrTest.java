package io.corelink.api.iot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.corelink.pki.Pem;
import io.corelink.testing.MtlsClient;
import io.corelink.testing.TestServer;
import java.io.StringWriter;
import java.nio.file.Files;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iot.IotClient;
import software.amazon.awssdk.services.iot.model.CertificateStatus;
import software.amazon.awssdk.services.iot.model.CreateCertificateFromCsrResponse;
import software.amazon.awssdk.services.iot.model.InvalidRequestException;

/** CreateCertificateFromCsr through the AWS SDK for Java: the device keeps its key, the root CA signs its CSR. */
class CreateCertificateFromCsrTest {
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

    private static KeyPair keys(String algorithm, Object size) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
        if (size instanceof Integer bits) {
            generator.initialize(bits);
        } else {
            generator.initialize(new ECGenParameterSpec((String) size));
        }
        return generator.generateKeyPair();
    }

    private static String csr(KeyPair keys, String subject, String signature) throws Exception {
        PKCS10CertificationRequest request = new JcaPKCS10CertificationRequestBuilder(new X500Name(subject),
                keys.getPublic()).build(new JcaContentSignerBuilder(signature).build(keys.getPrivate()));
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(request);
        }
        return out.toString();
    }

    @Test
    void anRsaCsr_getsACertificateOfTheRootCa_forItsKeyAndSubject_thatTheDataPlaneAccepts() throws Exception {
        KeyPair keys = keys("RSA", 2048);

        String request = csr(keys, "CN=sensor-7, O=Plant 7", "SHA256withRSA");
        CreateCertificateFromCsrResponse created = iot.createCertificateFromCsr(r -> r.setAsActive(true)
                .certificateSigningRequest(request));

        assertThat(created.certificateId()).matches("[0-9a-f]{64}");
        assertThat(created.certificateArn()).isEqualTo("arn:aws:iot:us-east-1:000000000000:cert/"
                + created.certificateId());
        X509Certificate certificate = Pem.certificate(created.certificatePem());
        X509Certificate root = Pem.certificate(Files.readString(server.rootCaFile()));
        assertThat(certificate.getPublicKey()).isEqualTo(keys.getPublic());
        assertThat(certificate.getSubjectX500Principal().getName()).as("RFC 2253 order").isEqualTo("O=Plant 7,CN=sensor-7");
        assertThat(certificate.getIssuerX500Principal()).isEqualTo(root.getSubjectX500Principal());
        certificate.verify(root.getPublicKey());
        assertThat(iot.describeCertificate(r -> r.certificateId(created.certificateId())).certificateDescription()
                .status()).isEqualTo(CertificateStatus.ACTIVE);

        // The device presents it with the key it kept: the data plane's handshake accepts it.
        iot.createThing(r -> r.thingName("csr-sensor"));
        iot.attachThingPrincipal(r -> r.thingName("csr-sensor").principal(created.certificateArn()));
        MtlsClient device = new MtlsClient(created.certificatePem(), Pem.write(keys.getPrivate()),
                Files.readString(server.rootCaFile()), server.dataPlanePort());
        assertThat(device.send("GET", "/greengrass/discover/thing/csr-sensor", null).status())
                .as("authenticated; refused only for want of an IoT policy").isEqualTo(403);
    }

    @Test
    void anEcCsr_isInactiveByDefault_andTheSameCsrAgainMakesAnotherCertificate() throws Exception {
        String request = csr(keys("EC", "secp256r1"), "CN=ec-sensor", "SHA256withECDSA");

        CreateCertificateFromCsrResponse first = iot.createCertificateFromCsr(r -> r.certificateSigningRequest(request));
        CreateCertificateFromCsrResponse second = iot.createCertificateFromCsr(r -> r.certificateSigningRequest(request));

        assertThat(first.certificateId()).isNotEqualTo(second.certificateId());
        assertThat(iot.describeCertificate(r -> r.certificateId(first.certificateId())).certificateDescription()
                .status()).isEqualTo(CertificateStatus.INACTIVE);
        assertThat(Pem.certificate(first.certificatePem()).getPublicKey().getAlgorithm()).isEqualTo("EC");
    }

    @Test
    void whatAwsIotRefuses_isAnInvalidRequest_andCreatesNothing() throws Exception {
        int before = iot.listCertificates(r -> r.pageSize(250)).certificates().size();
        String rsa2048 = csr(keys("RSA", 2048), "CN=tampered", "SHA256withRSA");
        String body = rsa2048.substring(rsa2048.indexOf('\n') + 1, rsa2048.indexOf("-----END"));
        byte[] der = Base64.getMimeDecoder().decode(body);
        der[der.length - 5] ^= 0x01; // inside the signature
        String tampered = "-----BEGIN CERTIFICATE REQUEST-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'})
                .encodeToString(der) + "\n-----END CERTIFICATE REQUEST-----\n";

        assertThatThrownBy(() -> iot.createCertificateFromCsr(r -> r.certificateSigningRequest("not a CSR")))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("The certificate signing request is not a PEM-encoded PKCS#10 request.");
        String weak = csr(keys("RSA", 1024), "CN=weak", "SHA256withRSA");
        String dsa = csr(keys("DSA", 2048), "CN=dsa", "SHA256withDSA");
        assertThatThrownBy(() -> iot.createCertificateFromCsr(r -> r.certificateSigningRequest(weak)))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("at least 2048 bits");
        assertThatThrownBy(() -> iot.createCertificateFromCsr(r -> r.certificateSigningRequest(dsa)))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("must be RSA or EC");
        assertThatThrownBy(() -> iot.createCertificateFromCsr(r -> r.certificateSigningRequest(tampered)))
                .isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> iot.createCertificateFromCsr(r -> r.certificateSigningRequest("x".repeat(4097))))
                .isInstanceOf(InvalidRequestException.class);
        assertThat(iot.listCertificates(r -> r.pageSize(250)).certificates()).hasSize(before);
    }
}
