package io.corelink.api.greengrass;

import static org.assertj.core.api.Assertions.assertThat;

import io.corelink.app.Main;
import io.corelink.pki.CertificateAuthority;
import io.corelink.pki.Pem;
import io.corelink.testing.MtlsClient;
import io.corelink.testing.RawClient.RawResponse;
import io.corelink.testing.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.greengrassv2.GreengrassV2Client;
import software.amazon.awssdk.services.iot.IotClient;
import software.amazon.awssdk.services.iot.model.CertificateStatus;
import software.amazon.awssdk.services.iot.model.CreateKeysAndCertificateResponse;

/** Discovery diagnosis (control-plane.md §8) through its route and through {@code corelink diagnose-discovery}. */
class DiscoveryDiagnosisTest {
    private static TestServer server;
    private static IotClient iot;
    private static GreengrassV2Client greengrass;

    @TempDir
    static Path credentialsDir;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start();
        iot = server.iot();
        greengrass = server.greengrass();
        Files.writeString(credentialsDir.resolve("admin-credentials"), "[corelink]\naws_access_key_id = "
                + TestServer.ACCESS_KEY_ID + "\naws_secret_access_key = " + TestServer.SECRET + "\n");
    }

    @AfterAll
    static void stop() {
        iot.close();
        greengrass.close();
        server.close();
    }

    private static String diagnose(String thing) {
        RawResponse response = server.raw().request("GET", "/corelink/v1/discoveryDiagnosis/" + thing)
                .service("greengrass").send();
        assertThat(response.status()).isEqualTo(200);
        return response.body();
    }

    @Test
    void eachObstacle_isNamed_untilTheThingWouldDiscover() throws Exception {
        assertThat(diagnose("dd-nobody")).isEqualTo("{\"thingName\":\"dd-nobody\",\"thingExists\":false,"
                + "\"wouldDiscover\":false,\"certificates\":[],\"coreDevices\":[],\"reasons\":[\"dd-nobody is not a "
                + "thing of this account: create it with CreateThing\"]}");

        iot.createThing(r -> r.thingName("dd-sensor"));
        assertThat(diagnose("dd-sensor")).contains("\"thingExists\":true").contains("has no certificate attached")
                .contains("is not associated with any core device");

        CreateKeysAndCertificateResponse keys = iot.createKeysAndCertificate(r -> r.setAsActive(false));
        iot.attachThingPrincipal(r -> r.thingName("dd-sensor").principal(keys.certificateArn()));
        assertThat(diagnose("dd-sensor")).contains("{\"certificateId\":\"" + keys.certificateId()
                + "\",\"status\":\"INACTIVE\",\"discoverPolicy\":{\"decision\":\"IMPLICIT_DENY\"}}")
                .contains("none of dd-sensor's certificates is ACTIVE");
        iot.updateCertificate(r -> r.certificateId(keys.certificateId()).newStatus(CertificateStatus.ACTIVE));

        iot.createThing(r -> r.thingName("dd:core"));
        CreateKeysAndCertificateResponse coreKeys = iot.createKeysAndCertificate(r -> r.setAsActive(true));
        iot.attachThingPrincipal(r -> r.thingName("dd:core").principal(coreKeys.certificateArn()));
        io.corelink.testing.DevicePolicies.allowGreengrass(iot, coreKeys.certificateArn());
        greengrass.batchAssociateClientDeviceWithCoreDevice(r -> r.coreDeviceThingName("dd:core")
                .entries(e -> e.thingName("dd-sensor")));
        assertThat(diagnose("dd-sensor")).contains("{\"coreDeviceThingName\":\"dd:core\",\"hasConnectivityInfo\":false,"
                        + "\"hasCertificateAuthority\":false,\"included\":false}")
                .contains("dd:core has no connectivity info").contains("dd:core has no CA certificate: its core "
                        + "device has not called PutCertificateAuthorities");

        greengrass.updateConnectivityInfo(r -> r.thingName("dd:core").connectivityInfo(c -> c.hostAddress("10.0.0.9")
                .portNumber(8883)));
        String caPem = Pem.write(CertificateAuthority.create(Clock.systemUTC()).certificate());
        MtlsClient core = new MtlsClient(coreKeys.certificatePem(), coreKeys.keyPair().privateKey(),
                Files.readString(server.rootCaFile()), server.dataPlanePort());
        assertThat(core.send("PUT", "/greengrass/v2/coreDevices/dd:core/certificateAuthorities",
                "{\"coreDeviceCertificates\":[\"" + caPem.replace("\n", "\\n") + "\"]}").status()).isEqualTo(200);
        assertThat(diagnose("dd-sensor")).contains("\"wouldDiscover\":false").contains("\"included\":true")
                .contains("\"reasons\":[\"certificate " + keys.certificateId() + ": no IoT policy attached to it "
                        + "allows greengrass:Discover on arn:aws:iot:us-east-1:000000000000:thing/dd-sensor: attach "
                        + "one with AttachPolicy\"]");
        io.corelink.testing.DevicePolicies.attach(iot, "dd-client", io.corelink.testing.DevicePolicies.CLIENT_DEVICE,
                keys.certificateArn());
        assertThat(diagnose("dd-sensor")).contains("\"wouldDiscover\":true").contains("\"discoverPolicy\":{"
                + "\"decision\":\"ALLOWED\",\"policyName\":\"dd-client\",\"statement\":\"statement 1\"}")
                .endsWith("\"reasons\":[]}");

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream original = System.out;
        int exit;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            exit = Main.run("diagnose-discovery", "dd-sensor", "--endpoint", server.endpoint().toString(),
                    "--data-dir", credentialsDir.toString());
        } finally {
            System.setOut(original);
        }
        assertThat(exit).isZero();
        // The server runs in this JVM: its log lines share standard output with what the command prints.
        String printed = out.toString(StandardCharsets.UTF_8).replaceAll("(?m)^\\d{4}-\\d\\d-\\d\\dT.*\n", "");
        assertThat(printed).startsWith("dd-sensor: would discover its core devices\n")
                .contains("  " + keys.certificateId() + "  ACTIVE  greengrass:Discover allowed by statement 1 of IoT "
                        + "policy dd-client")
                .contains("  dd:core  connectivity info: yes  CA certificate: yes  included: yes");
    }

    @Test
    void anExplicitDeny_isNamedWithItsStatementAndPolicy() {
        iot.createThing(r -> r.thingName("dd-denied"));
        CreateKeysAndCertificateResponse keys = iot.createKeysAndCertificate(r -> r.setAsActive(true));
        iot.attachThingPrincipal(r -> r.thingName("dd-denied").principal(keys.certificateArn()));
        io.corelink.testing.DevicePolicies.attach(iot, "dd-allow", io.corelink.testing.DevicePolicies.CLIENT_DEVICE,
                keys.certificateArn());
        io.corelink.testing.DevicePolicies.attach(iot, "dd-deny", "{\"Version\":\"2012-10-17\",\"Statement\":[{"
                + "\"Sid\":\"NoDiscover\",\"Effect\":\"Deny\",\"Action\":\"greengrass:Discover\",\"Resource\":\"*\"}]}",
                keys.certificateArn());
        assertThat(diagnose("dd-denied")).contains("\"discoverPolicy\":{\"decision\":\"EXPLICIT_DENY\","
                + "\"policyName\":\"dd-deny\",\"statement\":\"NoDiscover\"}").contains("certificate "
                + keys.certificateId() + ": NoDiscover of IoT policy dd-deny denies greengrass:Discover on "
                + "arn:aws:iot:us-east-1:000000000000:thing/dd-denied");
    }

    @Test
    void aNameIotCannotHold_isAnUnknownThing() {
        assertThat(diagnose("dd.dotted")).startsWith("{\"thingName\":\"dd.dotted\",\"thingExists\":false,");
    }

    @Test
    void theCommand_explainsAnUnknownThing_andFailsInOneLineWithoutCredentials() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        int unknown;
        int noCredentials;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            unknown = Main.run("diagnose-discovery", "dd-ghost", "--endpoint", server.endpoint().toString(),
                    "--data-dir", credentialsDir.toString(), "--json");
            noCredentials = Main.run("diagnose-discovery", "dd-ghost", "--endpoint", server.endpoint().toString(),
                    "--data-dir", credentialsDir.resolve("missing").toString());
        } finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
        }
        assertThat(unknown).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("\"thingExists\":false");
        assertThat(noCredentials).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8).strip()).startsWith("corelink: no credentials").doesNotContain("\n");
    }
}
