package io.corelink.api.dataplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.corelink.pki.CertificateAuthority;
import io.corelink.pki.Pem;
import io.corelink.testing.MtlsClient;
import io.corelink.testing.TestDevice;
import io.corelink.testing.TestCertificates;
import io.corelink.testing.TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.greengrassv2.GreengrassV2Client;
import software.amazon.awssdk.services.greengrassv2.model.CoreDeviceStatus;
import software.amazon.awssdk.services.iot.IotClient;
import software.amazon.awssdk.services.iot.model.CertificateStatus;

/** The mutual-TLS data plane with raw clients: TLS, Discover and the core-side calls (data-plane.md). */
class DataPlaneTest {
    private static TestServer server;
    private static IotClient iot;
    private static GreengrassV2Client greengrass;
    private static String rootCa;

    @BeforeAll
    static void start() throws IOException {
        server = TestServer.start();
        iot = server.iot();
        greengrass = server.greengrass();
        rootCa = Files.readString(server.rootCaFile());
    }

    @AfterAll
    static void stop() {
        iot.close();
        greengrass.close();
        server.close();
    }

    /** A registered device whose certificate carries AWS's client- and core-device policies. */
    private static TestDevice device(String thing) {
        TestDevice device = TestDevice.register(iot, server, thing);
        io.corelink.testing.DevicePolicies.allowGreengrass(iot, device.certificateArn());
        return device;
    }

    private static String coreCa() {
        return Pem.write(CertificateAuthority.create(Clock.systemUTC()).certificate());
    }

    private static void associate(String core, String client) {
        greengrass.batchAssociateClientDeviceWithCoreDevice(r -> r.coreDeviceThingName(core)
                .entries(e -> e.thingName(client)));
    }

    private static String json(String value) {
        return "\"" + value.replace("\n", "\\n") + "\"";
    }

    /**
     * corelink_discover_total{outcome} once it has reached {@code expected} (or after 5 s): a call is counted in the
     * pipeline's last stage, which may still be running when its answer has reached the client.
     */
    private static double discovers(String outcome, double expected) {
        return io.corelink.testing.Eventually.until(() -> discovers(outcome), value -> value >= expected);
    }

    /** corelink_discover_total{outcome} now (0 before the first such answer). */
    private static double discovers(String outcome) {
        String scraped = server.raw().request("GET", "/_corelink/metrics").service("greengrass").send().body();
        Double value = io.corelink.testing.PrometheusText.parse(scraped).value("corelink_discover_total", "outcome",
                outcome);
        return value == null ? 0 : value;
    }

    @Test
    void aCoreSetsItselfUp_andItsClientDiscoversIt() throws IOException {
        double found = discovers("found");
        double notFound = discovers("not_found");
        TestDevice core = device("dp:core-1");
        TestDevice sensor = device("dp-sensor-1");
        associate("dp:core-1", "dp-sensor-1");

        MtlsClient.Answer notYet = sensor.client().send("GET", "/greengrass/discover/thing/dp-sensor-1", null);
        assertThat(notYet.status()).isEqualTo(404);
        assertThat(notYet.body()).isEqualTo("{\"errorMessage\":\"The thing provided for discovery was not found\"}");

        String ca = coreCa();
        MtlsClient.Answer put = core.client().send("PUT",
                "/greengrass/v2/coreDevices/dp:core-1/certificateAuthorities",
                "{\"coreDeviceCertificates\":[" + json(ca) + "]}");
        assertThat(put.status()).isEqualTo(200);
        assertThat(sensor.client().send("GET", "/greengrass/discover/thing/dp-sensor-1", null).status())
                .as("a CA alone does not qualify").isEqualTo(404);
        MtlsClient.Answer connectivity = core.client().send("PUT", "/greengrass/things/dp:core-1/connectivityInfo",
                "{\"ConnectivityInfo\":[{\"Id\":\"lan\",\"HostAddress\":\"192.168.1.20\",\"PortNumber\":8883,"
                        + "\"Metadata\":\"\"},{\"Id\":\"dns\",\"HostAddress\":\"core.local\",\"PortNumber\":443}]}");
        assertThat(connectivity.status()).isEqualTo(200);
        assertThat(connectivity.body()).matches("\\{\"Version\":\"[0-9a-f-]{36}\"}");
        assertThat(core.client().send("GET", "/greengrass/things/dp:core-1/connectivityInfo", null).body())
                .startsWith("{\"ConnectivityInfo\":[{\"Id\":\"lan\",\"HostAddress\":\"192.168.1.20\"");

        MtlsClient.Answer discovered = sensor.client().send("GET", "/greengrass/discover/thing/dp-sensor-1", null);
        assertThat(discovered.status()).isEqualTo(200);
        assertThat(discovered.headers().get("content-type")).isEqualTo("application/json");
        assertThat(discovered.body()).isEqualTo("{\"GGGroups\":[{\"GGGroupId\":\"greengrassV2-coreDevice-dp:core-1\","
                + "\"Cores\":[{\"thingArn\":\"arn:aws:iot:us-east-1:000000000000:thing/dp:core-1\",\"Connectivity\":["
                + "{\"Id\":\"lan\",\"HostAddress\":\"192.168.1.20\",\"PortNumber\":8883,\"Metadata\":\"\"},"
                + "{\"Id\":\"dns\",\"HostAddress\":\"core.local\",\"PortNumber\":443,\"Metadata\":\"\"}]}],"
                + "\"CAs\":[" + json(ca) + "]}]}");

        assertThat(greengrass.getCoreDevice(r -> r.coreDeviceThingName("dp:core-1")).status())
                .isEqualTo(CoreDeviceStatus.HEALTHY);
        assertThatThrownBy(() -> greengrass.getCoreDevice(r -> r.coreDeviceThingName("dp-sensor-1")))
                .as("a client device's Discover does not make it a core device")
                .isInstanceOf(software.amazon.awssdk.services.greengrassv2.model.ResourceNotFoundException.class);

        greengrass.batchDisassociateClientDeviceFromCoreDevice(r -> r.coreDeviceThingName("dp:core-1")
                .entries(e -> e.thingName("dp-sensor-1")));
        assertThat(sensor.client().send("GET", "/greengrass/discover/thing/dp-sensor-1", null).status())
                .as("the cache is invalidated by the change").isEqualTo(404);
        assertThat(discovers("found", found + 1) - found).isEqualTo(1.0);
        assertThat(discovers("not_found", notFound + 3) - notFound).isEqualTo(3.0);
    }

    @Test
    void oneGroupPerQualifyingCore_inNameOrder() throws IOException {
        TestDevice sensor = device("dp-multi");
        for (String core : List.of("dp:multi-b", "dp:multi-a", "dp:multi-c")) {
            TestDevice device = device(core);
            associate(core, "dp-multi");
            if (!core.endsWith("c")) {
                device.client().send("PUT", "/greengrass/v2/coreDevices/" + core + "/certificateAuthorities",
                        "{\"coreDeviceCertificates\":[" + json(coreCa()) + "," + json(coreCa()) + "]}");
            }
            greengrass.updateConnectivityInfo(r -> r.thingName(core).connectivityInfo(c -> c.id("x")
                    .hostAddress("10.0.0.1").portNumber(8883)));
        }
        String body = sensor.client().send("GET", "/greengrass/discover/thing/dp-multi", null).body();
        assertThat(body).contains("greengrassV2-coreDevice-dp:multi-a").contains("greengrassV2-coreDevice-dp:multi-b")
                .doesNotContain("dp:multi-c");
        assertThat(body.indexOf("dp:multi-a")).isLessThan(body.indexOf("dp:multi-b"));
    }

    @Test
    void discoverForAThingTheCertificateIsNotAttachedTo_is403() throws IOException {
        double forbidden = discovers("forbidden");
        TestDevice sensor = device("dp-own");
        device("dp-someone-else");
        MtlsClient.Answer answer = sensor.client().send("GET", "/greengrass/discover/thing/dp-someone-else", null);
        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.body()).matches("\\{\"message\":null,\"traceId\":\"[0-9a-f-]{36}\"}");
        assertThat(sensor.client().send("GET", "/greengrass/discover/thing/dp-nobody", null).status()).isEqualTo(403);
        assertThat(discovers("forbidden", forbidden + 2) - forbidden).isEqualTo(2.0);
    }

    @Test
    void inactiveUnknownOrMissingCertificates_getNoHttpResponse() throws IOException {
        TestDevice sensor = device("dp-inactive");
        assertThat(sensor.client().send("GET", "/greengrass/discover/thing/dp-inactive", null).status()).isEqualTo(404);
        iot.updateCertificate(r -> r.certificateId(sensor.certificateId()).newStatus(CertificateStatus.INACTIVE));
        assertThatThrownBy(() -> sensor.client().send("GET", "/greengrass/discover/thing/dp-inactive", null))
                .isInstanceOf(IOException.class);

        String unregistered = TestCertificates.selfSigned("unregistered");
        iot.createThing(r -> r.thingName("dp-unregistered"));
        MtlsClient stranger = new MtlsClient(unregistered, sensor.keys().keyPair().privateKey(), rootCa,
                server.dataPlanePort());
        assertThatThrownBy(() -> stranger.send("GET", "/greengrass/discover/thing/dp-unregistered", null))
                .isInstanceOf(IOException.class);
    }

    @Test
    void aDeviceMadeCertificateOfAnyIssuer_isAccepted_onceRegisteredAndActive() throws Exception {
        java.security.KeyPair keys = CertificateAuthority.rsa2048();
        CertificateAuthority fleetCa = CertificateAuthority.create(Clock.systemUTC());
        String pem = Pem.write(fleetCa.issueDeviceCertificate(keys.getPublic(), Clock.systemUTC()));
        String key = Pem.write(keys.getPrivate());
        iot.createThing(r -> r.thingName("dp-fleet-device"));
        String arn = iot.registerCertificateWithoutCA(r -> r.certificatePem(pem)
                .status(software.amazon.awssdk.services.iot.model.CertificateStatus.ACTIVE)).certificateArn();
        iot.attachThingPrincipal(r -> r.thingName("dp-fleet-device").principal(arn));
        io.corelink.testing.DevicePolicies.allowGreengrass(iot, arn);
        MtlsClient device = new MtlsClient(pem, key, rootCa, server.dataPlanePort());
        assertThat(device.send("GET", "/greengrass/discover/thing/dp-fleet-device", null).status()).isEqualTo(404);
    }

    @Test
    void tls12And13_andAlpnXAmznHttpCa_areServed_withACertificateForLocalhost() throws IOException {
        TestDevice sensor = device("dp-tls");
        MtlsClient.Answer aws = sensor.client().send("GET", "/greengrass/discover/thing/dp-tls", null,
                new String[] {"x-amzn-http-ca"}, new String[] {"TLSv1.3"});
        assertThat(aws.alpn()).isEqualTo("x-amzn-http-ca");
        assertThat(aws.protocol()).isEqualTo("TLSv1.3");
        assertThat(aws.status()).isEqualTo(404);
        MtlsClient.Answer http = sensor.client().send("GET", "/greengrass/discover/thing/dp-tls", null,
                new String[] {"h2", "http/1.1"}, new String[] {"TLSv1.2"});
        assertThat(http.alpn()).isEqualTo("http/1.1");
        assertThat(http.protocol()).isEqualTo("TLSv1.2");
        MtlsClient.Answer none = sensor.client().send("GET", "/greengrass/discover/thing/dp-tls", null,
                new String[0], new String[] {"TLSv1.3"});
        assertThat(none.status()).isEqualTo(404);
    }

    @Test
    void getConnectivityInfo_byAnAttachedCertificate_makesTheThingACoreDevice() throws IOException {
        TestDevice core = device("dp:core-get-first");
        assertThatThrownBy(() -> greengrass.getCoreDevice(r -> r.coreDeviceThingName("dp:core-get-first")))
                .isInstanceOf(software.amazon.awssdk.services.greengrassv2.model.ResourceNotFoundException.class);

        MtlsClient.Answer answer = core.client().send("GET", "/greengrass/things/dp:core-get-first/connectivityInfo",
                null);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo("{\"ConnectivityInfo\":[]}");
        var registered = greengrass.getCoreDevice(r -> r.coreDeviceThingName("dp:core-get-first"));
        assertThat(registered.coreDeviceThingName()).isEqualTo("dp:core-get-first");
        assertThat(registered.status()).isEqualTo(CoreDeviceStatus.HEALTHY);
        assertThat(greengrass.listCoreDevices(r -> r.maxResults(100)).coreDevices())
                .anyMatch(c -> c.coreDeviceThingName().equals("dp:core-get-first"));
    }

    @Test
    void coreSideCalls_checkWhoCalls_andTheirInput() throws IOException {
        TestDevice core = device("dp:core-auth");
        TestDevice sensor = device("dp-sensor-auth");
        associate("dp:core-auth", "dp-sensor-auth");

        MtlsClient.Answer notAttached = sensor.client().send("PUT",
                "/greengrass/v2/coreDevices/dp:core-auth/certificateAuthorities",
                "{\"coreDeviceCertificates\":[" + json(coreCa()) + "]}");
        assertThat(notAttached.status()).isEqualTo(403);
        assertThat(notAttached.headers().get("x-amzn-errortype")).isEqualTo("AccessDeniedException");

        MtlsClient.Answer notACa = core.client().send("PUT",
                "/greengrass/v2/coreDevices/dp:core-auth/certificateAuthorities",
                "{\"coreDeviceCertificates\":[" + json(sensor.keys().certificatePem()) + "]}");
        assertThat(notACa.status()).isEqualTo(400);
        assertThat(notACa.headers().get("x-amzn-errortype")).isEqualTo("ValidationException");
        String eleven = String.join(",", java.util.Collections.nCopies(11, json(coreCa())));
        assertThat(core.client().send("PUT", "/greengrass/v2/coreDevices/dp:core-auth/certificateAuthorities",
                "{\"coreDeviceCertificates\":[" + eleven + "]}").status()).isEqualTo(400);
        assertThat(core.client().send("PUT", "/greengrass/v2/coreDevices/dp:core-auth/certificateAuthorities",
                "{\"coreDeviceCertificates\":[]}").status()).isEqualTo(400);
        assertThat(core.client().send("PUT", "/greengrass/things/dp:core-auth/connectivityInfo",
                "{\"ConnectivityInfo\":[{\"HostAddress\":\"\",\"PortNumber\":1}]}").status()).isEqualTo(400);

        MtlsClient.Answer identity = core.client().send("POST", "/greengrass/v2/clientDevices/verifyIdentity",
                "{\"clientDeviceCertificate\":" + json(sensor.keys().certificatePem()) + "}");
        assertThat(identity.status()).isEqualTo(200);
        assertThat(identity.body()).isEqualTo("{\"clientDeviceCertificateId\":\"" + sensor.certificateId() + "\"}");
        MtlsClient.Answer unknownIdentity = core.client().send("POST", "/greengrass/v2/clientDevices/verifyIdentity",
                "{\"clientDeviceCertificate\":" + json(TestCertificates.selfSigned("nobody")) + "}");
        assertThat(unknownIdentity.status()).isEqualTo(404);
        assertThat(unknownIdentity.headers().get("x-amzn-errortype")).isEqualTo("ResourceNotFoundException");
        assertThat(sensor.client().send("POST", "/greengrass/v2/clientDevices/verifyIdentity",
                "{\"clientDeviceCertificate\":" + json(sensor.keys().certificatePem()) + "}").status())
                .as("only a core device may verify").isEqualTo(403);

        assertThat(core.client().send("POST", "/greengrass/v2/clientDevices/verifyAssociation",
                "{\"clientDeviceThingName\":\"dp-sensor-auth\",\"clientDeviceCertificateId\":\""
                        + sensor.certificateId() + "\"}").body()).isEqualTo("{}");
        assertThat(core.client().send("POST", "/greengrass/v2/clientDevices/verifyAssociation",
                "{\"clientDeviceThingName\":\"dp:core-auth\",\"clientDeviceCertificateId\":\""
                        + sensor.certificateId() + "\"}").status()).isEqualTo(404);
        assertThat(core.client().send("POST", "/greengrass/v2/clientDevices/verifyAssociation", "{nope").status())
                .isEqualTo(400);
    }
}
