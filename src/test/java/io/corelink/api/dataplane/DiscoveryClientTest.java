package io.corelink.api.dataplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.corelink.app.CorelinkServer;
import io.corelink.app.ServerConfig;
import io.corelink.pki.CertificateAuthority;
import io.corelink.pki.Pem;
import io.corelink.testing.MtlsClient;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.asn1.x509.GeneralName;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.crt.io.SocketOptions;
import software.amazon.awssdk.crt.io.TlsContextOptions;
import software.amazon.awssdk.crt.mqtt.MqttClientConnection;
import software.amazon.awssdk.crt.mqtt.MqttMessage;
import software.amazon.awssdk.crt.mqtt.QualityOfService;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.iot.AwsIotMqttConnectionBuilder;
import software.amazon.awssdk.iot.discovery.DiscoveryClient;
import software.amazon.awssdk.iot.discovery.DiscoveryClientConfig;
import software.amazon.awssdk.iot.discovery.model.ConnectivityInfo;
import software.amazon.awssdk.iot.discovery.model.DiscoverResponse;
import software.amazon.awssdk.iot.discovery.model.GGGroup;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.greengrassv2.GreengrassV2Client;
import software.amazon.awssdk.services.iot.IotClient;
import software.amazon.awssdk.services.iot.model.CertificateStatus;
import software.amazon.awssdk.services.iot.model.CreateKeysAndCertificateResponse;

/**
 * The proof of data-plane.md with the real AWS IoT Device SDK for Java v2: its {@code DiscoveryClient} (which
 * connects to port 443 when ALPN is available, so this test binds 127.0.0.1:443 and needs root) discovers a core set
 * up through the control plane and the core-side calls, then connects over MQTT/TLS to the broker that plays the
 * core (Mosquitto), trusting only the discovered CA, and publishes a message a subscriber receives.
 */
class DiscoveryClientTest {
    private static final String KEY = "AKIADISCOVERYTEST001";
    private static final String SECRET = "discovery-test-secret-000000000000000000";
    private static CorelinkServer server;
    private static IotClient iot;
    private static GreengrassV2Client greengrass;
    private static String rootCa;
    private static Process mosquitto;
    private static int brokerPort;
    private static CreateKeysAndCertificateResponse core;
    private static String coreCaPem;

    @TempDir
    static Path dir;

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeTrue(isRoot(), "skipped: the DiscoveryClient connects to port 443, which only root may "
                + "bind here (CI runs as root)");
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/sbin/mosquitto")),
                "skipped: Mosquitto is not installed (.ci/run installs it: apt-get install mosquitto)");
        ServerConfig config = ServerConfig.defaults(dir.resolve("data")).withPort(0)
                .withDataPlanePorts(List.of(0, 443)).withAdministratorKey(KEY, SECRET);
        server = CorelinkServer.start(config, Clock.systemUTC(), new PrintStream(OutputStream.nullOutputStream()));
        URIs uris = new URIs(server.controlPlanePort());
        iot = IotClient.builder().endpointOverride(uris.control()).region(Region.US_EAST_1)
                .credentialsProvider(() -> AwsBasicCredentials.create(KEY, SECRET))
                .httpClient(ApacheHttpClient.create()).build();
        greengrass = GreengrassV2Client.builder().endpointOverride(uris.control()).region(Region.US_EAST_1)
                .credentialsProvider(() -> AwsBasicCredentials.create(KEY, SECRET))
                .httpClient(ApacheHttpClient.create()).build();
        rootCa = Files.readString(server.dataDirectory().resolve("ca/root-ca.pem"));

        // The core: a thing with its certificate, which uploads its CA and its broker's address itself.
        iot.createThing(r -> r.thingName("core:gateway-1"));
        core = iot.createKeysAndCertificate(r -> r.setAsActive(true));
        iot.attachThingPrincipal(r -> r.thingName("core:gateway-1").principal(core.certificateArn()));
        io.corelink.testing.DevicePolicies.allowGreengrass(iot, core.certificateArn());
        CertificateAuthority coreCa = CertificateAuthority.create(Clock.systemUTC());
        coreCaPem = Pem.write(coreCa.certificate());
        brokerPort = freePort();
        startMosquitto(coreCa);
        MtlsClient coreClient = new MtlsClient(core.certificatePem(), core.keyPair().privateKey(), rootCa,
                server.dataPlanePorts().get(0));
        assertThat(coreClient.send("PUT", "/greengrass/v2/coreDevices/core:gateway-1/certificateAuthorities",
                "{\"coreDeviceCertificates\":[\"" + coreCaPem.replace("\n", "\\n") + "\"]}").status()).isEqualTo(200);
        assertThat(coreClient.send("PUT", "/greengrass/things/core:gateway-1/connectivityInfo",
                "{\"ConnectivityInfo\":[{\"Id\":\"lo\",\"HostAddress\":\"localhost\",\"PortNumber\":" + brokerPort
                        + ",\"Metadata\":\"mosquitto\"}]}").status()).isEqualTo(200);
    }

    private record URIs(int controlPort) {
        java.net.URI control() {
            return java.net.URI.create("http://127.0.0.1:" + controlPort);
        }
    }

    @AfterAll
    static void stop() {
        if (mosquitto != null) {
            mosquitto.destroy();
        }
        if (server != null) {
            iot.close();
            greengrass.close();
            server.close();
        }
    }

    private static CreateKeysAndCertificateResponse clientDevice(String thing) {
        iot.createThing(r -> r.thingName(thing));
        CreateKeysAndCertificateResponse keys = iot.createKeysAndCertificate(r -> r.setAsActive(true));
        iot.attachThingPrincipal(r -> r.thingName(thing).principal(keys.certificateArn()));
        io.corelink.testing.DevicePolicies.allowGreengrass(iot, keys.certificateArn());
        return keys;
    }

    /** Runs one discovery the way a device does; closes the CRT resources off the CRT's own threads. */
    private static DiscoverResponse discover(CreateKeysAndCertificateResponse keys, String thing) throws Exception {
        try (TlsContextOptions tls = TlsContextOptions.createWithMtls(keys.certificatePem(),
                keys.keyPair().privateKey())) {
            tls.overrideDefaultTrustStore(rootCa);
            if (TlsContextOptions.isAlpnSupported()) {
                tls.withAlpnList(DiscoveryClient.TLS_EXT_ALPN);
            }
            try (DiscoveryClientConfig config = new DiscoveryClientConfig(tls, new SocketOptions(), 1, null,
                    "localhost"); DiscoveryClient client = new DiscoveryClient(config)) {
                return client.discover(thing).get(30, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void aClientDiscoversItsCore_thenPublishesThroughTheDiscoveredBroker() throws Exception {
        CreateKeysAndCertificateResponse sensor = clientDevice("sensor-7");
        greengrass.batchAssociateClientDeviceWithCoreDevice(r -> r.coreDeviceThingName("core:gateway-1")
                .entries(e -> e.thingName("sensor-7")));

        assertThat(TlsContextOptions.isAlpnSupported()).as("CRT uses ALPN and port 443 here").isTrue();
        DiscoverResponse response = discover(sensor, "sensor-7");
        assertThat(response.getGGGroups()).hasSize(1);
        GGGroup group = response.getGGGroups().get(0);
        assertThat(group.getGGGroupId()).isEqualTo("greengrassV2-coreDevice-core:gateway-1");
        assertThat(group.getCores()).singleElement().satisfies(c ->
                assertThat(c.getThingArn()).isEqualTo("arn:aws:iot:us-east-1:000000000000:thing/core:gateway-1"));
        ConnectivityInfo endpoint = group.getCores().get(0).getConnectivity().get(0);
        assertThat(endpoint.getHostAddress()).isEqualTo("localhost");
        assertThat(endpoint.getPortNumber()).isEqualTo(brokerPort);
        assertThat(endpoint.getId()).isEqualTo("lo");
        assertThat(endpoint.getMetadata()).isEqualTo("mosquitto");
        assertThat(group.getCAs()).containsExactly(coreCaPem);

        // Use what was discovered: connect to the broker trusting only the discovered CA, publish, receive.
        CompletableFuture<String> received = new CompletableFuture<>();
        try (MqttClientConnection subscriber = mqtt(core, group.getCAs().get(0), endpoint, "core-subscriber");
             MqttClientConnection publisher = mqtt(sensor, group.getCAs().get(0), endpoint, "sensor-7")) {
            subscriber.connect().get(20, TimeUnit.SECONDS);
            subscriber.subscribe("sensors/sensor-7/temperature", QualityOfService.AT_LEAST_ONCE,
                    message -> received.complete(new String(message.getPayload(), StandardCharsets.UTF_8)))
                    .get(20, TimeUnit.SECONDS);
            publisher.connect().get(20, TimeUnit.SECONDS);
            publisher.publish(new MqttMessage("sensors/sensor-7/temperature",
                    "{\"celsius\":21.5}".getBytes(StandardCharsets.UTF_8), QualityOfService.AT_LEAST_ONCE, false))
                    .get(20, TimeUnit.SECONDS);
            assertThat(received.get(20, TimeUnit.SECONDS)).isEqualTo("{\"celsius\":21.5}");
            publisher.disconnect().get(20, TimeUnit.SECONDS);
            subscriber.disconnect().get(20, TimeUnit.SECONDS);
        }
    }

    /**
     * The README's quick start: {@code corelink apply examples/quickstart.yaml --out certs} alone gives sensor-1 a
     * Discover that answers, and the README's DiscoveryClient snippet, with the files apply wrote, gets core-1.
     */
    @Test
    void theQuickStartFixtureAlone_givesTheReadmeSnippetCore1() throws Exception {
        Path certs = dir.resolve("certs");
        int exit = io.corelink.app.Main.run("apply", "examples/quickstart.yaml", "--out", certs.toString(),
                "--endpoint", "http://127.0.0.1:" + server.controlPlanePort(), "--data-dir",
                dir.resolve("data").toString(), "--data-plane-endpoint",
                "https://localhost:" + server.dataPlanePorts().get(0)); // the README's server is on 8443, the default
        assertThat(exit).isZero();

        DiscoverResponse response;
        // The README's snippet, word for word but for the paths.
        try (TlsContextOptions tls = TlsContextOptions.createWithMtlsFromPath(
                certs.resolve("sensor-1.cert.pem").toString(), certs.resolve("sensor-1.private.key").toString())) {
            tls.overrideDefaultTrustStoreFromPath(null, dir.resolve("data/ca/root-ca.pem").toString());
            tls.withAlpnList(DiscoveryClient.TLS_EXT_ALPN);
            try (DiscoveryClientConfig config = new DiscoveryClientConfig(tls, new SocketOptions(), 1, null,
                    "localhost"); DiscoveryClient discovery = new DiscoveryClient(config)) {
                response = discovery.discover("sensor-1").get(30, TimeUnit.SECONDS);
            }
        }
        assertThat(response.getGGGroups()).singleElement().satisfies(group -> {
            assertThat(group.getGGGroupId()).isEqualTo("greengrassV2-coreDevice-core-1");
            assertThat(group.getCAs()).containsExactly(Files.readString(certs.resolve("core-1.ca.pem")));
            ConnectivityInfo lan = group.getCores().get(0).getConnectivity().get(0);
            assertThat(lan.getHostAddress()).isEqualTo("192.0.2.10");
            assertThat(lan.getPortNumber()).isEqualTo(8883);
        });
    }

    @Test
    void theDiscoveryClientFails_whenDiscoveryCannotSucceed() throws Exception {
        iot.createThing(r -> r.thingName("sensor-no-policy"));
        CreateKeysAndCertificateResponse noPolicy = iot.createKeysAndCertificate(r -> r.setAsActive(true));
        iot.attachThingPrincipal(r -> r.thingName("sensor-no-policy").principal(noPolicy.certificateArn()));
        greengrass.batchAssociateClientDeviceWithCoreDevice(r -> r.coreDeviceThingName("core:gateway-1")
                .entries(e -> e.thingName("sensor-no-policy")));
        assertFailsWithStatus(noPolicy, "sensor-no-policy", "403");
        io.corelink.testing.DevicePolicies.attach(iot, "client-device", io.corelink.testing.DevicePolicies.CLIENT_DEVICE,
                noPolicy.certificateArn());
        assertThat(discover(noPolicy, "sensor-no-policy").getGGGroups()).as("AWS's minimal client-device policy")
                .hasSize(1);

        CreateKeysAndCertificateResponse lonely = clientDevice("sensor-unassociated");
        assertFailsWithStatus(lonely, "sensor-unassociated", "404");

        CreateKeysAndCertificateResponse other = clientDevice("sensor-other");
        assertFailsWithStatus(other, "sensor-unassociated", "403");

        CreateKeysAndCertificateResponse inactive = clientDevice("sensor-inactive");
        greengrass.batchAssociateClientDeviceWithCoreDevice(r -> r.coreDeviceThingName("core:gateway-1")
                .entries(e -> e.thingName("sensor-inactive")));
        iot.updateCertificate(r -> r.certificateId(inactive.certificateId()).newStatus(CertificateStatus.INACTIVE));
        assertThatThrownBy(() -> discover(inactive, "sensor-inactive")).isInstanceOf(ExecutionException.class);

        iot.createThing(r -> r.thingName("core:bare"));
        CreateKeysAndCertificateResponse bareClient = clientDevice("sensor-bare");
        greengrass.batchAssociateClientDeviceWithCoreDevice(r -> r.coreDeviceThingName("core:bare")
                .entries(e -> e.thingName("sensor-bare")));
        assertFailsWithStatus(bareClient, "sensor-bare", "404");
        greengrass.updateConnectivityInfo(r -> r.thingName("core:bare").connectivityInfo(c -> c.hostAddress("x")
                .portNumber(1)));
        assertFailsWithStatus(bareClient, "sensor-bare", "404");
    }

    private static void assertFailsWithStatus(CreateKeysAndCertificateResponse keys, String thing, String status) {
        assertThatThrownBy(() -> discover(keys, thing)).isInstanceOf(ExecutionException.class)
                .satisfies(e -> assertThat(e.getCause().getMessage()).contains("(" + status + ")"));
    }

    private static MqttClientConnection mqtt(CreateKeysAndCertificateResponse keys, String ca, ConnectivityInfo endpoint,
                                             String clientId) {
        try (AwsIotMqttConnectionBuilder builder = AwsIotMqttConnectionBuilder.newMtlsBuilder(keys.certificatePem(),
                keys.keyPair().privateKey())) {
            return builder.withCertificateAuthority(ca)
                    .withEndpoint(endpoint.getHostAddress())
                    .withPort(endpoint.getPortNumber())
                    .withClientId(clientId)
                    .withCleanSession(true)
                    .build();
        }
    }

    /** Mosquitto as the core's broker: its certificate from the core's CA; clients must present a Corelink one. */
    private static void startMosquitto(CertificateAuthority coreCa) throws Exception {
        KeyPair brokerKeys = CertificateAuthority.rsa2048();
        Path broker = Files.writeString(dir.resolve("broker.pem"), Pem.write(coreCa.issueServerCertificate(
                brokerKeys.getPublic(), Clock.systemUTC(), List.of(new GeneralName(GeneralName.dNSName, "localhost"),
                        new GeneralName(GeneralName.iPAddress, "127.0.0.1")))));
        Path brokerKey = Files.writeString(dir.resolve("broker-key.pem"), Pem.write(brokerKeys.getPrivate()));
        Path clientCa = Files.writeString(dir.resolve("client-ca.pem"), rootCa);
        Path conf = Files.writeString(dir.resolve("mosquitto.conf"), String.join("\n",
                "listener " + brokerPort + " 127.0.0.1",
                "cafile " + clientCa,
                "certfile " + broker,
                "keyfile " + brokerKey,
                "require_certificate true",
                "allow_anonymous true",
                "persistence false",
                // Run as the test user: as root, mosquitto would switch to user mosquitto and lose the temp files.
                "user " + System.getProperty("user.name"),
                "log_dest stderr", ""));
        mosquitto = new ProcessBuilder("/usr/sbin/mosquitto", "-c", conf.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("mosquitto.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            try (Socket probe = new Socket(InetAddress.getByName("127.0.0.1"), brokerPort)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("mosquitto did not start: " + Files.readString(dir.resolve("mosquitto.log")));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

}
