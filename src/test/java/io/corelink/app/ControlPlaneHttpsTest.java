package io.corelink.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.corelink.pki.CertificateAuthority;
import io.corelink.pki.Pem;
import io.corelink.testing.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import org.bouncycastle.asn1.x509.GeneralName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.greengrassv2.GreengrassV2Client;
import software.amazon.awssdk.services.iot.IotClient;

/**
 * The HTTPS control plane (operations.md §7): the AWS SDK for Java over it with the deployment's root CA or with an
 * operator's own certificate files, the CLI commands following an {@code https://} endpoint, and what a wrong file
 * or a client that does not trust the server gets.
 */
class ControlPlaneHttpsTest {
    @TempDir
    Path dir;

    @Test
    void withTheRootCa_theJavaSdkWorksUnchanged_andTheListeningLineSaysHttps() {
        try (TestServer server = TestServer.start(Clock.systemUTC(),
                c -> c.withListeners(ServerConfig.Listeners.https()));
             IotClient iot = server.iot(); GreengrassV2Client greengrass = server.greengrass()) {
            assertThat(server.endpoint().getScheme()).isEqualTo("https");
            assertThat(server.printed()).contains("corelink: control plane listening on https://127.0.0.1:"
                    + server.port() + "\n");

            iot.createThing(r -> r.thingName("tls-core"));
            iot.createThing(r -> r.thingName("tls-sensor"));
            greengrass.batchAssociateClientDeviceWithCoreDevice(r -> r.coreDeviceThingName("tls-core")
                    .entries(e -> e.thingName("tls-sensor")));

            assertThat(greengrass.listClientDevicesAssociatedWithCoreDevice(r -> r.coreDeviceThingName("tls-core"))
                    .associatedClientDevices()).singleElement()
                    .satisfies(d -> assertThat(d.thingName()).isEqualTo("tls-sensor"));
            // The private key CreateKeysAndCertificate answers with now crosses the wire encrypted.
            assertThat(iot.createKeysAndCertificate(r -> r.setAsActive(false)).keyPair().privateKey())
                    .startsWith("-----BEGIN RSA PRIVATE KEY-----");
        }
    }

    @Test
    void aClientThatDoesNotTrustTheRootCa_isRefusedInTheHandshake_andPlainHttpGetsNoAnswer() throws Exception {
        try (TestServer server = TestServer.start(Clock.systemUTC(),
                c -> c.withListeners(ServerConfig.Listeners.https()));
             IotClient untrusting = IotClient.builder().endpointOverride(server.endpoint())
                     .region(Region.US_EAST_1).httpClient(ApacheHttpClient.create())
                     .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                             TestServer.ACCESS_KEY_ID, TestServer.SECRET))).build()) {
            assertThatThrownBy(() -> untrusting.listThings()).isInstanceOf(SdkClientException.class)
                    .hasStackTraceContaining("SSLHandshakeException").hasStackTraceContaining("PKIX path building failed");

            HttpResponse<String> plain = null;
            Exception failure = null;
            try {
                plain = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                        + server.port() + "/things")).build(), HttpResponse.BodyHandlers.ofString());
            } catch (java.io.IOException e) {
                failure = e;
            }
            // Jetty answers plain HTTP on a TLS port with a 400 and closes; either way no API answer comes back.
            assertThat(failure != null || plain.statusCode() == 400).as(String.valueOf(plain)).isTrue();
        }
    }

    @Test
    void withCertificateFiles_theOperatorsCertificateIsServed_chainAndPkcs8EcKey() throws Exception {
        CertificateAuthority operatorCa = CertificateAuthority.create(Clock.systemUTC());
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair keys = generator.generateKeyPair();
        Path certificateFile = dir.resolve("server.pem");
        Path keyFile = dir.resolve("server-key.pem");
        Path caFile = dir.resolve("operator-ca.pem");
        Files.writeString(certificateFile, Pem.write(operatorCa.issueServerCertificate(keys.getPublic(),
                Clock.systemUTC(), List.of(new GeneralName(GeneralName.iPAddress, "127.0.0.1"))))
                + Pem.write(operatorCa.certificate()));
        Files.writeString(keyFile, "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'})
                .encodeToString(keys.getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n");
        Files.writeString(caFile, Pem.write(operatorCa.certificate()));

        try (TestServer server = TestServer.start(Clock.systemUTC(), c -> c.withListeners(
                new ServerConfig.Listeners(false, certificateFile, keyFile, null)));
             IotClient iot = IotClient.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1)
                     .httpClient(TestServer.sdkHttpClient(caFile))
                     .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                             TestServer.ACCESS_KEY_ID, TestServer.SECRET))).build()) {
            assertThat(server.endpoint().getScheme()).as("files imply HTTPS").isEqualTo("https");
            iot.createThing(r -> r.thingName("own-cert-thing"));
            assertThat(iot.describeThing(r -> r.thingName("own-cert-thing")).thingName())
                    .isEqualTo("own-cert-thing");

            // The CLI commands follow an https:// endpoint, trusting --ca-bundle beside the JDK's CAs.
            Path credentials = writeCredentials();
            CommandRun trusted = runQuietly("audit", "--endpoint", server.endpoint().toString(), "--data-dir",
                    credentials.toString(), "--ca-bundle", caFile.toString(), "--event-name", "CreateThing", "--json");
            assertThat(trusted.exit()).as(trusted.err()).isZero();
            assertThat(trusted.out()).contains("\"eventName\":\"CreateThing\"").contains("own-cert-thing");
            CommandRun untrusted = runQuietly("audit", "--endpoint", server.endpoint().toString(), "--data-dir",
                    credentials.toString());
            assertThat(untrusted.exit()).isEqualTo(1);
            assertThat(untrusted.err()).contains("the TLS handshake failed (is the server's CA in --ca-bundle or "
                    + "the data directory?)");
        }
    }

    @Test
    void diagnoseDiscovery_followsAnHttpsEndpoint_trustingTheDataDirectorysRootCa() throws Exception {
        try (TestServer server = TestServer.start(Clock.systemUTC(),
                c -> c.withListeners(ServerConfig.Listeners.https()));
             IotClient iot = server.iot()) {
            iot.createThing(r -> r.thingName("https-sensor"));
            Path credentials = writeCredentials();
            Files.createDirectories(credentials.resolve("ca"));
            Files.copy(server.rootCaFile(), credentials.resolve(RootCertificateAuthority.CERTIFICATE_FILE));

            CommandRun run = runQuietly("diagnose-discovery", "https-sensor", "--endpoint",
                    server.endpoint().toString(), "--data-dir", credentials.toString());

            assertThat(run.err()).isEmpty();
            assertThat(run.out()).startsWith("https-sensor: would NOT discover any core device\n")
                    .contains("https-sensor has no certificate attached");
        }
    }

    @Test
    void wrongCertificateFiles_failTheStart_namingTheFileAndTheProblem() throws Exception {
        CertificateAuthority ca = CertificateAuthority.create(Clock.systemUTC());
        KeyPair keys = CertificateAuthority.rsa2048();
        KeyPair other = CertificateAuthority.rsa2048();
        Path certificateFile = dir.resolve("server.pem");
        Files.writeString(certificateFile, Pem.write(ca.issueServerCertificate(keys.getPublic(), Clock.systemUTC(),
                List.of(new GeneralName(GeneralName.dNSName, "localhost")))));
        Path otherKey = dir.resolve("other-key.pem");
        Files.writeString(otherKey, Pem.write(other.getPrivate()));
        Path data = dir.resolve("data");

        assertThatThrownBy(() -> start(data, new ServerConfig.Listeners(false, certificateFile, otherKey, null)))
                .isInstanceOf(StartupException.class).hasMessage("cannot use --tls-cert-file " + certificateFile
                        + " with --tls-key-file " + otherKey + ": the private key is not the certificate's");
        assertThatThrownBy(() -> start(data, new ServerConfig.Listeners(false, certificateFile,
                dir.resolve("missing.pem"), null))).isInstanceOf(StartupException.class)
                .hasMessage("cannot read --tls-key-file " + dir.resolve("missing.pem") + ": no such file");
        assertThatThrownBy(() -> start(data, new ServerConfig.Listeners(false, otherKey, otherKey, null)))
                .isInstanceOf(StartupException.class).hasMessageEndingWith(": no PEM certificate");
        assertThat(data).as("a refused start leaves no data directory").doesNotExist();
        assertThatThrownBy(() -> new ServerConfig.Listeners(false, certificateFile, null, null))
                .hasMessage("--tls-cert-file and --tls-key-file go together");
    }

    @Test
    void plainHttpOnANonLoopbackAddress_isWhatTheWarningIsFor() {
        assertThat(CorelinkServer.isLoopback("127.0.0.1")).isTrue();
        assertThat(CorelinkServer.isLoopback("127.0.0.2")).isTrue();
        assertThat(CorelinkServer.isLoopback("::1")).isTrue();
        assertThat(CorelinkServer.isLoopback("[::1]")).isTrue();
        assertThat(CorelinkServer.isLoopback("localhost")).isTrue();
        assertThat(CorelinkServer.isLoopback("0.0.0.0")).isFalse();
        assertThat(CorelinkServer.isLoopback("::")).isFalse();
        assertThat(CorelinkServer.isLoopback("10.0.0.5")).isFalse();
        assertThat(CorelinkServer.isLoopback("gateway.example")).isFalse();
    }

    private static void start(Path data, ServerConfig.Listeners listeners) {
        CorelinkServer.start(ServerConfig.defaults(data).withPort(0).withDataPlanePorts(List.of(0))
                .withListeners(listeners), Clock.systemUTC(), new PrintStream(new ByteArrayOutputStream())).close();
    }

    private Path writeCredentials() throws Exception {
        Path credentials = dir.resolve("cli");
        Files.createDirectories(credentials);
        Files.writeString(credentials.resolve(AdministratorKey.CREDENTIALS_FILE), "aws_access_key_id = "
                + TestServer.ACCESS_KEY_ID + "\naws_secret_access_key = " + TestServer.SECRET + "\n");
        return credentials;
    }

    /** A command run, without the in-JVM server's log lines that share standard output with it. */
    private static CommandRun runQuietly(String... args) {
        CommandRun run = CommandRun.of(args);
        return new CommandRun(run.exit(), run.out().replaceAll("(?m)^\\d{4}-\\d\\d-\\d\\dT.*\n", ""),
                run.err().replaceAll("(?m)^\\d{4}-\\d\\d-\\d\\dT.*\n", ""));
    }
}
