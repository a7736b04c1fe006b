package io.corelink.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.corelink.testing.MtlsClient;
import io.corelink.testing.TestCertificates;
import io.corelink.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.greengrassv2.GreengrassV2Client;
import software.amazon.awssdk.services.iot.IotClient;

/**
 * {@code corelink apply} and {@code corelink export} (operations.md §5) against running servers: a fixture alone
 * gives a client device a Discover that answers 200, a second apply changes nothing, and an export applied to an
 * empty server reproduces the state.
 */
class FleetFixtureTest {
    private static final Path QUICK_START = Path.of("examples/quickstart.yaml");

    @TempDir
    Path tmp;

    @Test
    void theQuickStartFixture_givesSensor1ADiscoverThatAnswers200_andASecondApplyChangesNothing() throws Exception {
        try (TestServer server = TestServer.start(); IotClient iot = server.iot();
             GreengrassV2Client greengrass = server.greengrass()) {
            Path out = tmp.resolve("certs");

            CommandRun apply = apply(server, QUICK_START, out);

            assertThat(apply.exit()).as(apply.err() + apply.out()).isZero();
            assertThat(apply.out()).contains("  created policy discover-self\n", "  created thing sensor-1\n",
                    "  attached policy discover-self to certificate ", "  created thing core-1\n",
                    "  set the connectivity of core device core-1 (1 entries)\n",
                    "  generated the CA of core device core-1 (core-1.ca.pem, core-1.ca.key)\n",
                    "  created policy corelink-core-device\n",
                    "  put 1 CA certificate(s) of core device core-1 as the core\n",
                    "  associated 1 client device(s) with core device core-1\n");
            assertThat(iot.describeThing(r -> r.thingName("sensor-1")).attributes()).isEqualTo(Map.of("site",
                    "plant-7"));
            assertThat(ImportCommandTest.associated(greengrass, "core-1")).containsExactly("sensor-1");
            assertThat(greengrass.getCoreDevice(r -> r.coreDeviceThingName("core-1")).statusAsString())
                    .isEqualTo("HEALTHY"); // it called the data plane as a core
            MtlsClient.Answer discover = discover(server, out, "sensor-1");
            assertThat(discover.status()).as(discover.body()).isEqualTo(200);
            String corePem = Files.readString(out.resolve("core-1.ca.pem"));
            assertThat(discover.body()).contains("\"thingArn\":\"arn:aws:iot:us-east-1:000000000000:thing/core-1\"",
                    "\"HostAddress\":\"192.0.2.10\"", "\"PortNumber\":8883",
                    corePem.strip().replace("\n", "\\n"));
            for (String file : new String[] {"sensor-1.private.key", "sensor-1.cert.pem", "core-1.ca.key",
                    "core-1.ca.pem", "core-1.private.key", "core-1.cert.pem"}) {
                assertThat(Files.getPosixFilePermissions(out.resolve(file))).as(file)
                        .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
            }
            long certificates = ImportCommandTest.certificates(iot).size();

            CommandRun again = apply(server, QUICK_START, out);

            assertThat(again.exit()).as(again.err()).isZero();
            assertThat(again.out()).endsWith("corelink apply: nothing to change\n").doesNotContain("\n  ");
            assertThat(ImportCommandTest.certificates(iot)).hasSize((int) certificates);
            assertThat(Files.readString(out.resolve("core-1.ca.pem"))).isEqualTo(corePem);
        }
    }

    @Test
    void anExportAppliedToAnEmptyServer_reproducesTheState() throws Exception {
        Path fixture = tmp.resolve("fleet.yaml");
        String own = TestCertificates.selfSigned("own-device");
        Files.writeString(tmp.resolve("own.pem"), own);
        Files.writeString(fixture, String.join("\n",
                "policies:",
                "  - name: discover-self",
                "    document: {Version: \"2012-10-17\", Statement: [{Effect: Allow, Action: \"greengrass:Discover\","
                        + " Resource: \"*\"}]}",
                "  - name: read-only",
                "    document: '{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Action\":\"*\","
                        + "\"Resource\":\"*\"}]}'",
                "things:",
                "  - name: sensor-1",
                "    attributes: {site: plant-7, line: \"3\"}",
                "    certificates: [own.pem, generate]",
                "    policies: [discover-self]",
                "  - name: sensor-2",
                "    certificates:",
                "      - {certificatePem: " + "own2.pem" + ", status: INACTIVE}",
                "  - name: bare",
                "coreDevices:",
                "  - name: core-1",
                "    connectivity:",
                "      - {id: lan, hostAddress: 192.0.2.10, portNumber: 8883, metadata: \"\"}",
                "      - {id: wan, hostAddress: core-1.example.com, portNumber: 443, metadata: edge}",
                "    certificateAuthorities: [generate]",
                "    clientDevices: [sensor-1, sensor-2]",
                "  - name: core-2",
                "    connectivity: [{hostAddress: 10.0.0.9, portNumber: 8883}]",
                "    clientDevices: [sensor-1]",
                ""));
        Files.writeString(tmp.resolve("own2.pem"), TestCertificates.selfSigned("own-device-2"));
        Path out = tmp.resolve("out");
        String exported;
        try (TestServer first = TestServer.start()) {
            CommandRun apply = apply(first, fixture, out);
            assertThat(apply.exit()).as(apply.err() + apply.out()).isZero();
            assertThat(apply.out()).contains("generated the CA of core device core-1");
            assertThat(Files.readString(out.resolve("sensor-1.private.key"))).contains("EC PRIVATE KEY");
            CommandRun again = apply(first, fixture, out);
            assertThat(again.out()).endsWith("corelink apply: nothing to change\n").doesNotContain("\n  ");
            Path output = tmp.resolve("exported.yaml");
            CommandRun export = CommandRun.of(ImportCommandTest.concat(new String[] {"export", "--output",
                    output.toString()}, connection(first)));
            assertThat(export.exit()).as(export.err()).isZero();
            exported = Files.readString(output);
        }
        assertThat(exported).contains("name: \"sensor-1\"", "site: \"plant-7\"", "status: \"INACTIVE\"",
                "- \"discover-self\"", "hostAddress: \"core-1.example.com\"", "-----BEGIN CERTIFICATE-----",
                "name: \"core-2\"", "name: \"corelink-core-device\"", "Version: \"2012-10-17\"");
        Path exportFile = tmp.resolve("exported.yaml");

        try (TestServer second = TestServer.start(); IotClient iot = second.iot()) {
            CommandRun apply = apply(second, exportFile, out);
            assertThat(apply.exit()).as(apply.err() + apply.out()).isZero();
            Path output = tmp.resolve("again.yaml");
            CommandRun export = CommandRun.of(ImportCommandTest.concat(new String[] {"export", "--output",
                    output.toString()}, connection(second)));
            assertThat(export.exit()).as(export.err()).isZero();
            assertThat(Files.readString(output)).isEqualTo(exported);
            assertThat(discover(second, out, "sensor-1").status()).isEqualTo(200);
            assertThat(iot.describeCertificate(r -> r.certificateId(TestCertificates.sha256OfDer(own)))
                    .certificateDescription().statusAsString()).isEqualTo("ACTIVE");
        }
    }

    @Test
    void aFixtureThatIsWrong_isRefusedWithWhereAndWhy_beforeAnythingChanges() throws Exception {
        try (TestServer server = TestServer.start(); IotClient iot = server.iot()) {
            Path fixture = tmp.resolve("bad.yaml");
            Files.writeString(fixture, "things:\n  - name: ok-1\n  - name: typo\n    atributes: {a: b}\n");
            CommandRun typo = apply(server, fixture, tmp.resolve("out"));
            assertThat(typo.exit()).isEqualTo(1);
            assertThat(typo.err().strip()).isEqualTo("corelink: " + fixture + ": things[1].atributes: not part of "
                    + "the format (it has attributes, certificates, name, policies)");
            assertThat(iot.listThings().things()).isEmpty();

            Files.writeString(fixture, "things:\n  - name: fw\n    attributes: {firmware: 1.10}\n");
            CommandRun number = apply(server, fixture, tmp.resolve("out"));
            assertThat(number.err().strip()).isEqualTo("corelink: " + fixture + ": things[0].attributes.firmware: "
                    + "quote the value (\"1.1\"?): unquoted, YAML reads it as a number");

            Files.writeString(fixture, "coreDevices:\n  - name: core-9\n    clientDevices: [nobody]\n");
            CommandRun refused = apply(server, fixture, tmp.resolve("out"));
            assertThat(refused.exit()).isEqualTo(1);
            assertThat(refused.err()).contains("coreDevices[0] core-9: client device nobody: "
                    + "ResourceNotFoundException");
        }
    }

    private static CommandRun apply(TestServer server, Path fixture, Path out) {
        return CommandRun.of(ImportCommandTest.concat(new String[] {"apply", fixture.toString(), "--out",
                out.toString(), "--data-plane-endpoint", "https://localhost:" + server.dataPlanePort()},
                connection(server)));
    }

    private static MtlsClient.Answer discover(TestServer server, Path out, String thing) throws Exception {
        MtlsClient client = new MtlsClient(Files.readString(out.resolve(thing + ".cert.pem")),
                Files.readString(out.resolve(thing + ".private.key")), Files.readString(server.rootCaFile()),
                server.dataPlanePort());
        return client.send("GET", "/greengrass/discover/thing/" + thing, null);
    }

    private static String[] connection(TestServer server) {
        return new String[] {"--endpoint", server.endpoint().toString(), "--data-dir",
                server.databaseFile().getParent().toString()};
    }
}
