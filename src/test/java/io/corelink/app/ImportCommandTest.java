package io.corelink.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.corelink.pki.KeyAlgorithm;
import io.corelink.pki.Pem;
import io.corelink.pki.SigningRequest;
import io.corelink.testing.DevicePolicies;
import io.corelink.testing.TestCertificates;
import io.corelink.testing.TestPostgres;
import io.corelink.testing.TestServer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.greengrassv2.GreengrassV2Client;
import software.amazon.awssdk.services.greengrassv2.model.AssociatedClientDevice;
import software.amazon.awssdk.services.iot.IotClient;
import software.amazon.awssdk.services.iot.model.Certificate;

/**
 * {@code corelink import} (operations.md §5) against running servers on SQLite and PostgreSQL, checked with the AWS
 * SDK for Java as a user would: what it made, what a rerun leaves alone, how a failing row is reported, and how an
 * interrupted certificate request is picked up again.
 */
class ImportCommandTest {
    private static final int DEVICES = 120; // more than one 100-entry batch
    private static final String POLICY_DOCUMENT = DevicePolicies.CLIENT_DEVICE;

    @TempDir
    Path tmp;

    @Test
    void csv_createsEverything_writesKeys0600_andARerunChangesNothing_onSqlite() throws Exception {
        try (TestServer server = TestServer.start(); IotClient iot = server.iot();
             GreengrassV2Client greengrass = server.greengrass()) {
            importAndRerun(iot, greengrass, connection(server));
        }
    }

    @Test
    void csv_createsEverything_andARerunChangesNothing_onPostgres() throws Exception {
        Path dataDir = Files.createDirectories(tmp.resolve("pg-data"));
        try (CorelinkServer node = PostgresNodes.start(tmp, "pg-node", TestPostgres.newDatabase(),
                TestServer.ACCESS_KEY_ID, TestServer.SECRET, config -> config)) {
            Files.writeString(dataDir.resolve(AdministratorKey.CREDENTIALS_FILE), "[corelink]\naws_access_key_id = "
                    + TestServer.ACCESS_KEY_ID + "\naws_secret_access_key = " + TestServer.SECRET + "\n");
            URI endpoint = node.controlPlaneUri();
            try (IotClient iot = sdk(IotClient.builder(), endpoint);
                 GreengrassV2Client greengrass = sdk(GreengrassV2Client.builder(), endpoint)) {
                importAndRerun(iot, greengrass, new String[] {"--endpoint", endpoint.toString(), "--data-dir",
                        dataDir.toString()});
            }
        }
    }

    private void importAndRerun(IotClient iot, GreengrassV2Client greengrass, String[] connection) throws Exception {
        iot.createPolicy(r -> r.policyName("discover-self").policyDocument(POLICY_DOCUMENT));
        Path file = tmp.resolve("fleet.csv");
        List<String> lines = new ArrayList<>(List.of("thingName,attributes,certificate,policy,coreDeviceThingName"));
        IntStream.range(0, DEVICES).forEach(i -> lines.add("imp-" + i + ",\"site=plant-7;line=" + i % 3
                + "\",generate,discover-self,imp-core"));
        Files.write(file, lines);
        Path out = tmp.resolve("certs");

        CommandRun first = CommandRun.of(concat(new String[] {"import", file.toString(), "--out", out.toString()},
                connection));
        assertThat(first.exit()).as(first.err() + first.out()).isZero();
        assertThat(first.out()).contains("corelink import: " + DEVICES + " rows: " + DEVICES
                + " created, 0 already there, 0 failed");

        assertThat(iot.describeThing(r -> r.thingName("imp-7")).attributes())
                .isEqualTo(Map.of("site", "plant-7", "line", "1"));
        List<String> principals = iot.listThingPrincipals(r -> r.thingName("imp-7")).principals();
        assertThat(principals).hasSize(1);
        String certificateId = principals.get(0).substring(principals.get(0).lastIndexOf('/') + 1);
        String pem = iot.describeCertificate(r -> r.certificateId(certificateId)).certificateDescription()
                .certificatePem();
        assertThat(iot.describeCertificate(r -> r.certificateId(certificateId)).certificateDescription()
                .statusAsString()).isEqualTo("ACTIVE");
        assertThat(Files.readString(out.resolve("imp-7.cert.pem"))).isEqualTo(pem);
        assertThat(keyMatches(Files.readString(out.resolve("imp-7.private.key")), pem)).isTrue();
        assertThat(Files.getPosixFilePermissions(out.resolve("imp-7.private.key")))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.getPosixFilePermissions(out.resolve("imp-7.cert.pem")))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(iot.listAttachedPolicies(r -> r.target(principals.get(0))).policies())
                .extracting(p -> p.policyName()).containsExactly("discover-self");
        List<String> associated = associated(greengrass, "imp-core");
        assertThat(associated).hasSize(DEVICES).contains("imp-0", "imp-119");
        long certificates = certificates(iot).size();
        assertThat(certificates).isEqualTo(DEVICES);
        try (var listing = Files.list(out)) {
            assertThat(listing.map(p -> p.getFileName().toString()).filter(n -> !n.endsWith(".pem")
                    && !n.endsWith(".private.key"))).isEmpty();
        }
        var timestamps = greengrass.listClientDevicesAssociatedWithCoreDevice(r -> r.coreDeviceThingName("imp-core"))
                .associatedClientDevices();

        CommandRun again = CommandRun.of(concat(new String[] {"import", file.toString(), "--out", out.toString()},
                connection));
        assertThat(again.exit()).as(again.err() + again.out()).isZero();
        assertThat(again.out()).contains(DEVICES + " rows: 0 created, " + DEVICES + " already there, 0 failed");
        assertThat(certificates(iot)).hasSize(DEVICES);
        assertThat(iot.listThingPrincipals(r -> r.thingName("imp-7")).principals()).isEqualTo(principals);
        assertThat(greengrass.listClientDevicesAssociatedWithCoreDevice(r -> r.coreDeviceThingName("imp-core"))
                .associatedClientDevices()).isEqualTo(timestamps);
    }

    @Test
    void jsonLines_certificateAndCsrFiles_andFailingRowsReportedWithTheirAwsError_othersKept() throws Exception {
        try (TestServer server = TestServer.start(); IotClient iot = server.iot();
             GreengrassV2Client greengrass = server.greengrass()) {
            iot.createThing(r -> r.thingName("jl-core"));
            Path devices = Files.createDirectories(tmp.resolve("devices"));
            String ownCertificate = TestCertificates.selfSigned("jl-own");
            Files.writeString(devices.resolve("own.pem"), ownCertificate);
            KeyPair csrKey = KeyAlgorithm.EC_P256.generate();
            Files.writeString(devices.resolve("req.csr"), SigningRequest.create(csrKey, KeyAlgorithm.EC_P256, "jl-csr"));
            Path file = tmp.resolve("fleet.jsonl");
            Files.writeString(file, String.join("\n",
                    "{\"thingName\":\"jl-own\",\"attributes\":{\"room\":\"4\"},\"certificate\":\"devices/own.pem\","
                            + "\"coreDeviceThingName\":\"jl-core\"}",
                    "{\"thingName\":\"jl-csr\",\"certificate\":\"devices/req.csr\",\"coreDeviceThingName\":\"jl-core\"}",
                    "",
                    "{\"thingName\":\"jl-nopolicy\",\"certificate\":\"generate\",\"policy\":\"missing\"}",
                    "{\"thingName\":\"bad name\",\"certificate\":\"generate\"}",
                    "{\"thingName\":\"jl-own\",\"certificate\":\"generate\"}",
                    "{\"thingName\":\"jl-nocert\"}",
                    "{\"thingName\":\"jl-core\",\"certificate\":\"generate\",\"coreDeviceThingName\":\"jl-core\"}")
                    + "\n");
            Path out = tmp.resolve("out");
            String[] command = concat(new String[] {"import", file.toString(), "--out", out.toString()},
                    connection(server));

            CommandRun run = CommandRun.of(command);

            assertThat(run.exit()).as(run.err()).isEqualTo(1);
            assertThat(run.out()).contains("7 rows: 2 created, 0 already there, 5 failed")
                    .contains("line 4 (jl-nopolicy): ResourceNotFoundException: ")
                    .contains("line 5 (bad name): ")
                    .contains("line 6 (jl-own): thing jl-own is already on line 1")
                    .contains("line 7 (jl-nocert): certificate is required")
                    .contains("line 8 (jl-core): ValidationException: ");
            String ownId = TestCertificates.sha256OfDer(ownCertificate);
            assertThat(iot.listThingPrincipals(r -> r.thingName("jl-own")).principals())
                    .containsExactly("arn:aws:iot:us-east-1:000000000000:cert/" + ownId);
            assertThat(iot.describeCertificate(r -> r.certificateId(ownId)).certificateDescription().statusAsString())
                    .isEqualTo("ACTIVE");
            String csrCertificate = Files.readString(out.resolve("jl-csr.cert.pem"));
            assertThat(Pem.certificate(csrCertificate).getPublicKey().getEncoded())
                    .isEqualTo(csrKey.getPublic().getEncoded());
            assertThat(out.resolve("jl-csr.private.key")).doesNotExist();
            assertThat(iot.listThingPrincipals(r -> r.thingName("jl-nopolicy")).principals()).hasSize(1);
            assertThat(associated(greengrass, "jl-core")).containsExactly("jl-csr", "jl-own");

            CommandRun rerun = CommandRun.of(command);
            assertThat(rerun.exit()).isEqualTo(1);
            assertThat(rerun.out()).contains("7 rows: 0 created, 2 already there, 5 failed");
            assertThat(certificates(iot)).hasSize(4); // own, csr, nopolicy, and jl-core's
        }
    }

    @Test
    void anInterruptedCertificateRequest_isFoundAgain_notMadeTwice() throws Exception {
        try (TestServer server = TestServer.start(); IotClient iot = server.iot()) {
            Path out = Files.createDirectories(tmp.resolve("out"));
            // What a kill leaves between the server's answer and the certificate file: the key, the mark, and the
            // certificate on the server, attached to nothing.
            KeyPair keys = KeyAlgorithm.EC_P256.generate();
            Files.writeString(out.resolve("cut-1.private.key"), Pem.writeKeyPair(keys));
            Files.writeString(out.resolve("cut-1.cert.pending"),
                    Long.toString(System.currentTimeMillis() - 5_000));
            iot.createThing(r -> r.thingName("cut-1"));
            String made = iot.createCertificateFromCsr(r -> r.setAsActive(true).certificateSigningRequest(
                    SigningRequest.create(keys, KeyAlgorithm.EC_P256, "cut-1"))).certificateArn();
            for (int i = 0; i < 3; i++) { // made by others since: looked at, not taken
                KeyPair other = KeyAlgorithm.EC_P256.generate();
                iot.createCertificateFromCsr(r -> r.setAsActive(true).certificateSigningRequest(
                        SigningRequest.create(other, KeyAlgorithm.EC_P256, "other")));
            }
            Path file = tmp.resolve("one.csv");
            Files.writeString(file, "thingName,certificate\ncut-1,generate\n");

            CommandRun run = CommandRun.of(concat(new String[] {"import", file.toString(), "--out", out.toString()},
                    connection(server)));

            assertThat(run.exit()).as(run.err() + run.out()).isZero();
            assertThat(run.out()).contains("1 rows: 1 created");
            assertThat(iot.listThingPrincipals(r -> r.thingName("cut-1")).principals()).containsExactly(made);
            assertThat(certificates(iot)).hasSize(4);
            assertThat(out.resolve("cut-1.cert.pending")).doesNotExist();
            // A kill between the certificate file and the mark's removal: the rerun removes the mark.
            Files.writeString(out.resolve("cut-1.cert.pending"), "0");
            assertThat(CommandRun.of(concat(new String[] {"import", file.toString(), "--out", out.toString()},
                    connection(server))).out()).contains("1 rows: 0 created, 1 already there");
            assertThat(out.resolve("cut-1.cert.pending")).doesNotExist();
            assertThat(keyMatches(Files.readString(out.resolve("cut-1.private.key")),
                    Files.readString(out.resolve("cut-1.cert.pem")))).isTrue();
        }
    }

    @Test
    void aFileThatIsNeitherCsvNorJsonLines_orAServerThatIsNotThere_endsWithOneLine() throws Exception {
        Path file = tmp.resolve("bad.csv");
        Files.writeString(file, "thing,cert\na,generate\n");
        CommandRun unknownColumn = CommandRun.of("import", file.toString(), "--out", tmp.resolve("o").toString(),
                "--endpoint", "http://127.0.0.1:9", "--data-dir", tmp.toString());
        assertThat(unknownColumn.exit()).isEqualTo(1);
        assertThat(unknownColumn.err().strip()).isEqualTo("corelink: unknown CSV header 'thing'; the columns are "
                + "thingName, attributes, certificate, policy, coreDeviceThingName");
        Files.writeString(tmp.resolve(AdministratorKey.CREDENTIALS_FILE), "[corelink]\naws_access_key_id = A\n"
                + "aws_secret_access_key = B\n");
        Files.writeString(file, "thingName,certificate\na,generate\n");
        CommandRun noServer = CommandRun.of("import", file.toString(), "--out", tmp.resolve("o").toString(),
                "--endpoint", "http://127.0.0.1:9", "--data-dir", tmp.toString());
        assertThat(noServer.exit()).isEqualTo(1);
        assertThat(noServer.err()).startsWith("corelink: cannot reach http://127.0.0.1:9: connection refused");
        try (TestServer server = TestServer.start()) {
            CommandRun wrongKey = CommandRun.of("import", file.toString(), "--out", tmp.resolve("o").toString(),
                    "--endpoint", server.endpoint().toString(), "--data-dir", tmp.toString());
            assertThat(wrongKey.exit()).isEqualTo(1);
            assertThat(wrongKey.err()).startsWith("corelink: UnrecognizedClientException: ");
        }
        CommandRun missing = CommandRun.of("import", tmp.resolve("none.csv").toString(), "--data-dir",
                tmp.toString());
        assertThat(missing.err().strip()).isEqualTo("corelink: cannot read " + tmp.resolve("none.csv")
                + ": no such file");
        CommandRun usage = CommandRun.of("import", file.toString(), "--concurrency", "0");
        assertThat(usage.exit()).isEqualTo(2);
        assertThat(usage.err()).contains("--concurrency must be 1..64, not 0");
    }

    static boolean keyMatches(String privateKeyPem, String certificatePem) throws Exception {
        PrivateKey key = Pem.privateKey(privateKeyPem);
        X509Certificate certificate = Pem.certificate(certificatePem);
        String algorithm = "EC".equals(key.getAlgorithm()) ? "SHA256withECDSA" : "SHA256withRSA";
        byte[] data = "proof".getBytes(StandardCharsets.UTF_8);
        Signature signer = Signature.getInstance(algorithm);
        signer.initSign(key);
        signer.update(data);
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance(algorithm);
        verifier.initVerify(certificate.getPublicKey());
        verifier.update(data);
        return verifier.verify(signature);
    }

    static List<String> associated(GreengrassV2Client greengrass, String core) {
        return greengrass.listClientDevicesAssociatedWithCoreDevicePaginator(r -> r.coreDeviceThingName(core))
                .associatedClientDevices().stream().map(AssociatedClientDevice::thingName)
                .collect(Collectors.toList());
    }

    static List<String> certificates(IotClient iot) {
        return iot.listCertificatesPaginator(r -> r.pageSize(250)).certificates().stream()
                .map(Certificate::certificateId).collect(Collectors.toList());
    }

    private static String[] connection(TestServer server) {
        return new String[] {"--endpoint", server.endpoint().toString(), "--data-dir",
                server.databaseFile().getParent().toString()};
    }

    private static <B extends software.amazon.awssdk.awscore.client.builder.AwsClientBuilder<B, C>, C> C sdk(
            B builder, URI endpoint) {
        return builder.endpointOverride(endpoint).region(Region.US_EAST_1).credentialsProvider(() ->
                AwsBasicCredentials.create(TestServer.ACCESS_KEY_ID, TestServer.SECRET)).build();
    }

    static String[] concat(String[] a, String[] b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
