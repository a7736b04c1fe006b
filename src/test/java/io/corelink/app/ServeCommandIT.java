package io.corelink.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.greengrassv2.GreengrassV2Client;
import software.amazon.awssdk.services.iot.IotClient;

/** {@code corelink serve} as a separate process, started from the packaged jar the launcher runs. */
class ServeCommandIT {
    private static final Duration START = Duration.ofSeconds(60);
    private static final Duration STOP = Duration.ofSeconds(20);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path tmp;

    @Test
    void firstStart_generatesTheAdministratorKeyOnce_protectsTheDataDirectory_andStopsCleanlyOnSigterm()
            throws Exception {
        Path dataDir = tmp.resolve("data");
        int port;
        try (ServeProcess serve = ServeProcess.run(Map.of(), "serve", "--data-dir", dataDir.toString(), "--port", "0", "--data-plane-port", "0")) {
            port = serve.awaitListening(START);
            assertThat(serve.stdout()).anySatisfy(line -> assertThat(line).matches(
                    "corelink: generated administrator access key AKIA[A-Z2-7]{16} \\(secret written to "
                            + java.util.regex.Pattern.quote(dataDir.resolve("admin-credentials").toString()) + "\\)"));
            assertThat(serve.stdout()).contains("corelink: control plane listening on http://127.0.0.1:" + port);
            assertThat(serve.stdout()).anySatisfy(line -> assertThat(line)
                    .matches("corelink: data plane listening on https://127\\.0\\.0\\.1:[0-9]+"));
            assertThat(mode(dataDir.resolve("ca/root-ca-key.pem"))).isEqualTo("rw-------");
            assertThat(dataDir.resolve("ca/root-ca.pem")).exists();
            assertThat(mode(dataDir)).isEqualTo("rwx------");
            assertThat(mode(dataDir.resolve("admin-credentials"))).isEqualTo("rw-------");
            assertThat(health(port)).isEqualTo(200);

            Properties credentials = credentials(dataDir);
            try (IotClient iot = iot(port, credentials.getProperty("aws_access_key_id"),
                    credentials.getProperty("aws_secret_access_key"))) {
                assertThat(iot.createThing(r -> r.thingName("from-the-file")).thingName()).isEqualTo("from-the-file");
            }
            String secret = credentials.getProperty("aws_secret_access_key");
            assertThat(serve.stdout()).noneMatch(line -> line.contains(secret));

            serve.signal("TERM");
            assertThat(serve.awaitExit(STOP)).isZero();
            assertThat(serve.stdout()).last().isEqualTo("corelink: stopped");
            assertThat(serve.stderr()).isEmpty();
        }
        try (ServeProcess again = ServeProcess.run(Map.of(), "serve", "--data-dir", dataDir.toString(), "--port", "0", "--data-plane-port", "0")) {
            again.awaitListening(START);
            assertThat(again.stdout()).noneMatch(line -> line.contains("generated administrator access key"));
            again.signal("INT");
            assertThat(again.awaitExit(STOP)).isZero();
        }
    }

    @Test
    void theLauncher_makesItsClassDataSharingArchiveOnce_thenStartsWithIt_printingOnlyCorelinksLines()
            throws Exception {
        Path archives = Path.of("target/cds");
        if (Files.isDirectory(archives)) {
            try (var files = Files.list(archives)) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
        }
        Path dataDir = tmp.resolve("launched");
        String[] serve = {"serve", "--data-dir", dataDir.toString(), "--port", "0", "--data-plane-port", "0"};
        Path archive;
        try (ServeProcess first = ServeProcess.launcher(Map.of(), serve)) {
            // The first start after a build includes the launcher's one training start.
            assertThat(health(first.awaitListening(Duration.ofSeconds(120)))).isEqualTo(200);
            try (var files = Files.list(archives)) {
                assertThat(archive = files.filter(f -> f.toString().endsWith(".jsa")).findFirst().orElseThrow())
                        .isNotEmptyFile();
            }
            first.signal("TERM");
            assertThat(first.awaitExit(STOP)).isZero();
            assertOnlyCorelinksLines(first);
        }
        java.nio.file.attribute.FileTime made = Files.getLastModifiedTime(archive);
        // -Xshare:on makes the JVM refuse to start unless it maps the archive: proof that the launcher uses it.
        try (ServeProcess second = ServeProcess.launcher(Map.of("JAVA_OPTS", "-Xshare:on"), serve)) {
            assertThat(health(second.awaitListening(START))).isEqualTo(200);
            second.signal("TERM");
            assertThat(second.awaitExit(STOP)).isZero();
            assertOnlyCorelinksLines(second);
        }
        assertThat(Files.getLastModifiedTime(archive)).isEqualTo(made);
    }

    private static void assertOnlyCorelinksLines(ServeProcess process) {
        assertThat(process.stderr()).isEmpty();
        assertThat(process.stdout()).allSatisfy(line -> assertThat(line)
                .matches("corelink: .*|\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z (INFO|WARN|ERROR) .*"));
    }

    @Test
    void init_appliesTheFixtureBeforeTheListeningLines_soADeviceDiscoversAtOnce_andABadOneStopsTheStart()
            throws Exception {
        Path dataDir = tmp.resolve("init-data");
        try (ServeProcess serve = ServeProcess.run(Map.of(), "serve", "--data-dir", dataDir.toString(), "--port", "0",
                "--data-plane-port", "0", "--init", "examples/quickstart.yaml")) {
            serve.awaitListening(START);
            List<String> lines = serve.stdout();
            int applied = indexOf(lines, "corelink: --init applied: ");
            assertThat(lines.get(Math.max(0, applied))).isEqualTo("corelink: --init applied: 12 changes; generated "
                    + "files under " + dataDir.resolve("init"));
            int listening = indexOf(lines, "corelink: control plane listening on ");
            assertThat(applied).as(lines.toString()).isNotNegative().isLessThan(listening);
            String dataPlaneLine = lines.stream().filter(l -> l.startsWith("corelink: data plane listening on "))
                    .findFirst().orElseThrow();
            int dataPort = Integer.parseInt(dataPlaneLine.substring(dataPlaneLine.lastIndexOf(':') + 1));
            Path init = dataDir.resolve("init");
            io.corelink.testing.MtlsClient sensor = new io.corelink.testing.MtlsClient(
                    Files.readString(init.resolve("sensor-1.cert.pem")),
                    Files.readString(init.resolve("sensor-1.private.key")),
                    Files.readString(dataDir.resolve("ca/root-ca.pem")), dataPort);
            io.corelink.testing.MtlsClient.Answer discover = sensor.send("GET",
                    "/greengrass/discover/thing/sensor-1", null);
            assertThat(discover.status()).as(discover.body()).isEqualTo(200);
            assertThat(discover.body()).contains("greengrassV2-coreDevice-core-1", "192.0.2.10");
        }
        // A restart with the same fixture finds it in place.
        try (ServeProcess again = ServeProcess.run(Map.of(), "serve", "--data-dir", dataDir.toString(), "--port",
                "0", "--data-plane-port", "0", "--init", "examples/quickstart.yaml")) {
            again.awaitListening(START);
            assertThat(again.stdout()).contains("corelink: --init applied: nothing to change; generated files under "
                    + dataDir.resolve("init"));
        }
        Path bad = tmp.resolve("bad.yaml");
        Files.writeString(bad, "coreDevices:\n  - name: core-x\n    clientDevices: [nobody]\n");
        try (ServeProcess refused = ServeProcess.run(Map.of(), "serve", "--data-dir", dataDir.toString(), "--port",
                "0", "--data-plane-port", "0", "--init", bad.toString())) {
            assertThat(refused.awaitExit(START)).isEqualTo(1);
            assertThat(refused.stderr()).anySatisfy(line -> assertThat(line).startsWith("corelink: --init: "
                    + "coreDevices[0] core-x: client device nobody: ResourceNotFoundException"));
            assertThat(refused.stdout()).noneMatch(line -> line.contains("listening on"));
        }
    }

    private static int indexOf(List<String> lines, String prefix) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(prefix)) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void aSecondServerOnTheSameDataDirectory_refusesToStart() throws Exception {
        Path dataDir = tmp.resolve("shared");
        try (ServeProcess first = ServeProcess.run(Map.of(), "serve", "--data-dir", dataDir.toString(), "--port", "0", "--data-plane-port", "0")) {
            first.awaitListening(START);
            try (ServeProcess second = ServeProcess.run(Map.of(), "serve", "--data-dir", dataDir.toString(),
                    "--port", "0", "--data-plane-port", "0")) {
                assertThat(second.awaitExit(START)).isEqualTo(1);
                assertThat(second.stderr()).singleElement().isEqualTo("corelink: the data directory " + dataDir
                        + " is in use by another Corelink server");
            }
            first.signal("TERM");
            assertThat(first.awaitExit(STOP)).isZero();
        }
    }

    @Test
    void environmentVariables_configureTheServer_andFlagsWin() throws Exception {
        Path dataDir = tmp.resolve("env");
        Map<String, String> env = Map.of(
                "CORELINK_DATA_DIR", dataDir.toString(),
                "CORELINK_PORT", "1",
                "CORELINK_REGION", "eu-central-1",
                "CORELINK_ACCOUNT_ID", "123456789012",
                "CORELINK_ACCESS_KEY_ID", "AKIAFROMENVIRONMENT1",
                "CORELINK_SECRET_ACCESS_KEY", "secret-from-the-environment-000000000000");
        try (ServeProcess serve = ServeProcess.run(env, "serve", "--port", "0", "--data-plane-port", "0")) {
            int port = serve.awaitListening(START);
            assertThat(serve.stdout()).noneMatch(line -> line.contains("generated administrator access key"));
            assertThat(Files.readString(dataDir.resolve("admin-credentials"))).as("the file holds the key the server "
                    + "accepts").contains("aws_access_key_id = AKIAFROMENVIRONMENT1");
            try (IotClient iot = IotClient.builder().endpointOverride(URI.create("http://127.0.0.1:" + port))
                    .region(Region.EU_CENTRAL_1)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                            "AKIAFROMENVIRONMENT1", "secret-from-the-environment-000000000000")))
                    .httpClient(ApacheHttpClient.create()).build()) {
                assertThat(iot.createThing(r -> r.thingName("env-thing")).thingArn())
                        .isEqualTo("arn:aws:iot:eu-central-1:123456789012:thing/env-thing");
            }
            serve.signal("TERM");
            assertThat(serve.awaitExit(STOP)).isZero();
        }
    }

    @Test
    void logFormatJson_writesOneObjectALine_withTheAccessLogsFields_andNoSecret() throws Exception {
        Path dataDir = tmp.resolve("json-logs");
        String secret = "json-log-secret-00000000000000000000000000";
        Map<String, String> env = Map.of("CORELINK_ACCESS_KEY_ID", "AKIAJSONLOGTEST00001",
                "CORELINK_SECRET_ACCESS_KEY", secret);
        List<String> lines;
        try (ServeProcess serve = ServeProcess.run(env, "serve", "--data-dir", dataDir.toString(), "--port", "0",
                "--data-plane-port", "0", "--log-format", "json")) {
            int port = serve.awaitListening(START);
            try (IotClient iot = iot(port, "AKIAJSONLOGTEST00001", secret)) {
                iot.createThing(r -> r.thingName("json-1"));
            }
            try (IotClient wrong = iot(port, "AKIAJSONLOGTEST00001", "not-the-secret-000000000000000000000000")) {
                org.assertj.core.api.Assertions.assertThatThrownBy(() -> wrong.listThings(r -> { }))
                        .hasMessageContaining("signature");
            }
            serve.signal("TERM");
            assertThat(serve.awaitExit(STOP)).isZero();
            lines = serve.stdout();
        }

        // The start-up lines stay as server.md gives them (scripts wait for them); every other line is an object.
        List<JsonNode> objects = new ArrayList<>();
        for (String line : lines) {
            assertThat(line).doesNotContain(secret);
            if (!line.startsWith("corelink: ")) {
                objects.add(JSON.readTree(line));
            }
        }
        assertThat(objects).allSatisfy(o -> {
            assertThat(o.isObject()).isTrue();
            assertThat(o.path("timestamp").asString()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
            assertThat(o.path("level").asString()).isIn("INFO", "WARN", "ERROR");
            assertThat(o.has("logger")).isTrue();
            assertThat(o.has("message")).isTrue();
            assertThat(o.has("stack_trace")).isFalse();
        });
        JsonNode created = objects.stream().filter(o -> "CreateThing".equals(o.path("operation").asString()))
                .findFirst().orElseThrow();
        assertThat(created.path("logger").asString()).isEqualTo("corelink.access");
        assertThat(created.path("requestId").asString()).matches("[0-9a-f-]{36}");
        assertThat(created.path("plane").asString()).isEqualTo("control");
        assertThat(created.path("principal").asString()).isEqualTo("AKIAJSONLOGTEST00001");
        assertThat(created.path("status").asInt()).isEqualTo(200);
        assertThat(created.path("durationMs").isNumber()).isTrue();
        assertThat(created.path("sourceIp").asString()).isEqualTo("127.0.0.1");
        JsonNode refused = objects.stream().filter(o -> "ListThings".equals(o.path("operation").asString()))
                .findFirst().orElseThrow();
        assertThat(refused.path("status").asInt()).isEqualTo(403);
        assertThat(refused.path("errorCode").asString()).isEqualTo("InvalidSignatureException");
        assertThat(refused.path("reason").asString()).isNotEmpty();
    }

    @Test
    void plainHttpOnANonLoopbackAddress_isWarnedAbout_andHttpsIsNot() throws Exception {
        String warning = "the control plane is plain HTTP on 0.0.0.0, which is not a loopback address";
        try (ServeProcess plain = ServeProcess.run(Map.of(), "serve", "--data-dir", tmp.resolve("exposed").toString(),
                "--host", "0.0.0.0", "--port", "0", "--data-plane-port", "0")) {
            plain.awaitListening(START);
            assertThat(plain.stdout()).anySatisfy(line -> assertThat(line).contains(" WARN ").contains(warning)
                    .contains("--control-plane-tls"));
        }
        // The switch's variable as a unit file or a container sets it ("1" is on), and the bare flag as well: on.
        try (ServeProcess https = ServeProcess.run(Map.of("CORELINK_CONTROL_PLANE_TLS", "1"), "serve", "--data-dir",
                tmp.resolve("tls").toString(), "--host", "0.0.0.0", "--port", "0", "--data-plane-port", "0",
                "--control-plane-tls")) {
            https.awaitListening(START);
            assertThat(https.stdout()).anySatisfy(line -> assertThat(line)
                    .startsWith("corelink: control plane listening on https://0.0.0.0:"));
            assertThat(https.stdout()).noneSatisfy(line -> assertThat(line).contains("plain HTTP"));
        }
    }

    @Test
    void anAcknowledgedWrite_survivesAKill() throws Exception {
        Path dataDir = tmp.resolve("durable");
        Map<String, String> env = Map.of("CORELINK_ACCESS_KEY_ID", "AKIADURABILITYTEST01",
                "CORELINK_SECRET_ACCESS_KEY", "durability-secret-0000000000000000000000");
        try (ServeProcess serve = ServeProcess.run(env, "serve", "--data-dir", dataDir.toString(), "--port", "0", "--data-plane-port", "0")) {
            int port = serve.awaitListening(START);
            try (IotClient iot = iot(port, "AKIADURABILITYTEST01", "durability-secret-0000000000000000000000");
                 GreengrassV2Client greengrass = greengrass(port)) {
                for (int i = 0; i < 20; i++) {
                    String name = "durable-" + i;
                    iot.createThing(r -> r.thingName(name));
                }
                greengrass.batchAssociateClientDeviceWithCoreDevice(r -> r.coreDeviceThingName("durable-0")
                        .entries(e -> e.thingName("durable-1"), e -> e.thingName("durable-2")));
            }
            serve.kill();
            serve.awaitExit(STOP);
        }
        try (ServeProcess restarted = ServeProcess.run(env, "serve", "--data-dir", dataDir.toString(), "--port", "0", "--data-plane-port", "0")) {
            int port = restarted.awaitListening(START);
            try (IotClient iot = iot(port, "AKIADURABILITYTEST01", "durability-secret-0000000000000000000000")) {
                assertThat(iot.listThings(r -> r.maxResults(100)).things()).hasSize(20);
            }
            try (GreengrassV2Client greengrass = greengrass(port)) {
                assertThat(greengrass.listClientDevicesAssociatedWithCoreDevice(r -> r.coreDeviceThingName("durable-0"))
                        .associatedClientDevices()).extracting(d -> d.thingName())
                        .containsExactly("durable-1", "durable-2");
            }
            restarted.signal("TERM");
            assertThat(restarted.awaitExit(STOP)).isZero();
        }
    }

    @Test
    void badStartupInput_endsWithOneLineAndANonZeroExit_leavingTheDataDirectoryAlone() throws Exception {
        Path untouched = tmp.resolve("never-created");
        assertOneLineFailure(2, "Unknown option: '--no-such-option'", "serve", "--no-such-option");
        assertOneLineFailure(2, "'--port'", "serve", "--port", "eighty", "--data-dir", untouched.toString());
        assertOneLineFailure(2, "--port must be 0..65535, not 70000", "serve", "--port", "70000", "--data-dir",
                untouched.toString());
        assertOneLineFailure(2, "account id must be 12 digits", "serve", "--account-id", "123", "--data-dir",
                untouched.toString());

        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            assertOneLineFailure(1, "cannot listen on 127.0.0.1:" + taken.getLocalPort(), "serve", "--port",
                    Integer.toString(taken.getLocalPort()), "--data-dir", untouched.toString());
        }
        assertThat(Files.exists(untouched)).isFalse();

        Path file = Files.writeString(tmp.resolve("a-file"), "not a directory");
        assertOneLineFailure(1, "is not a directory", "serve", "--port", "0", "--data-plane-port", "0", "--data-dir", file.toString());
        assertOneLineFailure(1, "cannot open the PostgreSQL store at jdbc:postgresql://127.0.0.1:1/x", "serve",
                "--port", "0", "--data-plane-port", "0", "--data-dir", tmp.resolve("pg").toString(),
                "--database-url", "jdbc:postgresql://127.0.0.1:1/x");
        assertThat(Files.exists(tmp.resolve("pg"))).as("an unreachable database leaves no data directory").isFalse();
        assertOneLineFailure(2, "set both CORELINK_ACCESS_KEY_ID and CORELINK_SECRET_ACCESS_KEY", Map.of(
                "CORELINK_ACCESS_KEY_ID", "AKIAONLYTHEKEYID0001"), "serve", "--port", "0", "--data-plane-port", "0", "--data-dir",
                untouched.toString());
        assertThat(Files.exists(untouched)).isFalse();
    }

    private void assertOneLineFailure(int exitCode, String expected, String... args) throws Exception {
        assertOneLineFailure(exitCode, expected, Map.of(), args);
    }

    private void assertOneLineFailure(int exitCode, String expected, Map<String, String> env, String... args)
            throws Exception {
        try (ServeProcess serve = ServeProcess.run(env, args)) {
            assertThat(serve.awaitExit(START)).as(String.join(" ", args)).isEqualTo(exitCode);
            assertThat(serve.stderr()).as(String.join(" ", args)).singleElement().asString()
                    .startsWith("corelink: ").contains(expected);
        }
    }

    private static String mode(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    private static int health(int port) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/_corelink/health")).build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private static Properties credentials(Path dataDir) throws IOException {
        Properties properties = new Properties();
        try (var reader = Files.newBufferedReader(dataDir.resolve("admin-credentials"))) {
            properties.load(reader);
        }
        return properties;
    }

    private static GreengrassV2Client greengrass(int port) {
        return GreengrassV2Client.builder().endpointOverride(URI.create("http://127.0.0.1:" + port))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        "AKIADURABILITYTEST01", "durability-secret-0000000000000000000000")))
                .httpClient(ApacheHttpClient.create()).build();
    }

    private static IotClient iot(int port, String keyId, String secret) {
        return IotClient.builder().endpointOverride(URI.create("http://127.0.0.1:" + port)).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(keyId, secret)))
                .httpClient(ApacheHttpClient.create()).build();
    }
}
