package io.corelink.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.corelink.testing.TestPostgres;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.greengrassv2.GreengrassV2Client;
import software.amazon.awssdk.services.iot.IotClient;
import software.amazon.awssdk.services.iot.model.ThingAttribute;

/**
 * {@code corelink import} killed with SIGKILL halfway, then run again with the same file (operations.md §5): the rerun
 * finishes the job, and nothing is there twice: one thing, one certificate, one association per row, and no
 * certificate that belongs to no thing. Real processes ({@code java -jar target/corelink.jar}) on SQLite and on
 * PostgreSQL.
 */
class ImportKillIT {
    private static final String KEY = "AKIAIMPORTKILL000001";
    private static final String SECRET = "import-kill-secret-000000000000000000000";
    private static final int DEVICES = 1_000;
    private static final Duration START = Duration.ofSeconds(60);

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"sqlite", "postgresql"})
    void killedHalfway_aRerunFinishes_withoutDuplicates(String store) throws Exception {
        List<String> serve = new ArrayList<>(List.of("serve", "--data-dir", tmp.resolve("data").toString(), "--port",
                "0", "--data-plane-port", "0"));
        if (store.equals("postgresql")) {
            serve.addAll(List.of("--database-url", TestPostgres.newDatabase()));
        }
        Map<String, String> env = Map.of("CORELINK_ACCESS_KEY_ID", KEY, "CORELINK_SECRET_ACCESS_KEY", SECRET);
        try (ServeProcess server = ServeProcess.run(env, serve.toArray(String[]::new))) {
            URI endpoint = URI.create("http://127.0.0.1:" + server.awaitListening(START));
            try (IotClient iot = IotClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                    .credentialsProvider(() -> AwsBasicCredentials.create(KEY, SECRET)).build();
                 GreengrassV2Client greengrass = GreengrassV2Client.builder().endpointOverride(endpoint)
                         .region(Region.US_EAST_1).credentialsProvider(() -> AwsBasicCredentials.create(KEY, SECRET))
                         .build()) {
                iot.createPolicy(r -> r.policyName("fleet").policyDocument(io.corelink.testing.DevicePolicies
                        .CLIENT_DEVICE));
                Path file = tmp.resolve("fleet.csv");
                List<String> lines = new ArrayList<>(List.of("thingName,attributes,certificate,policy,"
                        + "coreDeviceThingName"));
                IntStream.range(0, DEVICES).forEach(i -> lines.add("kill-" + i + ",batch=" + i / 100
                        + ",generate,fleet,kill-core-" + i % 2));
                Files.write(file, lines);
                Path out = tmp.resolve("certs");
                String[] command = {"import", file.toString(), "--out", out.toString(), "--endpoint",
                        endpoint.toString()};

                try (ServeProcess first = ServeProcess.run(env, command)) {
                    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
                    while (certificateFiles(out) < DEVICES / 2 && System.nanoTime() < deadline) {
                        assertThat(first.isAlive()).as("the import ended before it was killed: " + first.stdout()
                                + first.stderr()).isTrue();
                        Thread.sleep(20);
                    }
                    first.kill(); // SIGKILL, mid-import
                    first.awaitExit(Duration.ofSeconds(30));
                }
                long killedAt = certificateFiles(out);
                assertThat(killedAt).isBetween((long) DEVICES / 2, (long) DEVICES - 1);

                try (ServeProcess rerun = ServeProcess.run(env, command)) {
                    int exit = rerun.awaitExit(Duration.ofSeconds(300));
                    assertThat(exit).as(rerun.stdout() + "\n" + rerun.stderr()).isZero();
                    assertThat(String.join("\n", rerun.stdout())).containsPattern("corelink import: " + DEVICES
                            + " rows: \\d+ created, \\d+ already there, 0 failed");
                }

                List<String> things = iot.listThingsPaginator(r -> r.maxResults(250)).things().stream()
                        .map(ThingAttribute::thingName).filter(n -> n.startsWith("kill-") && !n.contains("core"))
                        .toList();
                assertThat(things).hasSize(DEVICES).doesNotHaveDuplicates();
                List<String> certificates = ImportCommandTest.certificates(iot);
                assertThat(certificates).hasSize(DEVICES).doesNotHaveDuplicates();
                for (int i = 0; i < DEVICES; i += 37) {
                    int n = i;
                    assertThat(iot.listThingPrincipals(r -> r.thingName("kill-" + n)).principals()).hasSize(1);
                }
                assertThat(ImportCommandTest.associated(greengrass, "kill-core-0")).hasSize(DEVICES / 2)
                        .doesNotHaveDuplicates();
                assertThat(ImportCommandTest.associated(greengrass, "kill-core-1")).hasSize(DEVICES / 2);
                try (Stream<Path> files = Files.list(out)) {
                    assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".pending")
                            || n.endsWith(".tmp"))).isEmpty();
                }
                assertThat(certificateFiles(out)).isEqualTo(DEVICES);
            }
        }
    }

    private static long certificateFiles(Path out) throws java.io.IOException {
        if (!Files.isDirectory(out)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(out)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".cert.pem")).count();
        }
    }
}
