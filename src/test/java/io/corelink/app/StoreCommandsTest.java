package io.corelink.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.corelink.domain.Account;
import io.corelink.store.jdbc.SqliteStore;
import io.corelink.testing.TestPostgres;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.greengrassv2.GreengrassV2Client;
import software.amazon.awssdk.services.iot.IotClient;

/** corelink migrate, backup, restore and copy-store, run as the user runs them, on real stores. */
class StoreCommandsTest {
    private static final String KEY = "AKIASTORECOMMANDS001";
    private static final String SECRET = "store-commands-secret-0000000000000000000";

    @TempDir
    Path tmp;

    private static CommandRun run(String... args) {
        return CommandRun.of(args);
    }


    private static CorelinkServer serve(Path dataDir, String databaseUrl) {
        return CorelinkServer.start(new ServerConfig(dataDir, "127.0.0.1", 0, List.of(0), List.of(),
                        new Account("us-east-1", "000000000000"), databaseUrl, databaseUrl == null ? null : "postgres",
                        null, KEY, SECRET),
                Clock.systemUTC(), new PrintStream(OutputStream.nullOutputStream()));
    }

    private static IotClient iot(CorelinkServer server) {
        return IotClient.builder().endpointOverride(URI.create("http://127.0.0.1:" + server.controlPlanePort()))
                .region(Region.US_EAST_1).credentialsProvider(() -> AwsBasicCredentials.create(KEY, SECRET))
                .httpClient(ApacheHttpClient.create()).build();
    }

    private static GreengrassV2Client greengrass(CorelinkServer server) {
        return GreengrassV2Client.builder().endpointOverride(URI.create("http://127.0.0.1:" + server.controlPlanePort()))
                .region(Region.US_EAST_1).credentialsProvider(() -> AwsBasicCredentials.create(KEY, SECRET))
                .httpClient(ApacheHttpClient.create()).build();
    }

    @Test
    void migrate_createsOrUpgradesAStore_andRefusesADataDirectoryInUse() {
        Path dataDir = tmp.resolve("migrate");
        CommandRun typo = run("migrate", "--data-dir", dataDir.toString());
        assertThat(typo.exit()).isEqualTo(1);
        assertThat(typo.err().strip()).isEqualTo("corelink: there is no data directory at " + dataDir
                + "; check --data-dir");
        assertThat(dataDir).as("a mistyped --data-dir creates nothing").doesNotExist();
        serve(dataDir, null).close();
        CommandRun migrated = run("migrate", "--data-dir", dataDir.toString());
        assertThat(migrated.exit()).as(migrated.err()).isZero();
        assertThat(migrated.out()).contains("latest schema version");
        assertThat(SqliteStore.isCorelinkDatabase(dataDir.resolve("corelink.db"))).isTrue();

        CorelinkServer server = serve(dataDir, null);
        try {
            CommandRun busy = run("migrate", "--data-dir", dataDir.toString());
            assertThat(busy.exit()).isEqualTo(1);
            assertThat(busy.err().strip()).contains("in use by another Corelink server").doesNotContain("\n");
        } finally {
            server.close();
        }
        String postgres = TestPostgres.newDatabase();
        assertThat(run("migrate", "--database-url", postgres, "--database-user", "postgres").exit()).isZero();
        CorelinkServer onPostgres = serve(tmp.resolve("pg-node"), postgres);
        onPostgres.close();
    }

    @Test
    void backupWhileServing_thenRestore_bringsEveryAcknowledgedWriteBack() throws Exception {
        Path dataDir = tmp.resolve("live");
        CorelinkServer server = serve(dataDir, null);
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger acknowledged = new AtomicInteger();
        Path backup = tmp.resolve("backup.db");
        try (IotClient iot = iot(server)) {
            for (int i = 0; i < 20; i++) {
                String name = "before-" + i;
                iot.createThing(r -> r.thingName(name));
            }
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                for (int i = 0; writing.get() && i < 2_000; i++) {
                    String name = "during-" + i;
                    iot.createThing(r -> r.thingName(name));
                    acknowledged.incrementAndGet();
                }
            });
            Thread.sleep(200);
            CommandRun backedUp = run("backup", "--data-dir", dataDir.toString(), "--output", backup.toString());
            writing.set(false);
            writer.get();
            assertThat(backedUp.exit()).as(backedUp.err()).isZero();
        } finally {
            server.close();
        }
        assertThat(SqliteStore.isCorelinkDatabase(backup)).isTrue();
        assertThat(run("backup", "--data-dir", dataDir.toString(), "--output", backup.toString()).exit())
                .as("never overwrites").isEqualTo(1);

        Path restored = tmp.resolve("restored");
        Files.createDirectory(restored);
        CommandRun restore = run("restore", "--data-dir", restored.toString(), "--input", backup.toString());
        assertThat(restore.exit()).as(restore.err()).isZero();
        CorelinkServer again = serve(restored, null);
        try (IotClient iot = iot(again)) {
            List<String> names = iot.listThingsPaginator(r -> r.maxResults(250)).things().stream()
                    .map(t -> t.thingName()).toList();
            assertThat(names).filteredOn(n -> n.startsWith("before-")).hasSize(20);
            assertThat(names.size()).isBetween(20, 20 + acknowledged.get());
        } finally {
            again.close();
        }
        Files.writeString(tmp.resolve("garbage.db"), "not a database");
        CommandRun refused = run("restore", "--data-dir", restored.toString(), "--input", tmp.resolve("garbage.db").toString());
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.err()).contains("is not a Corelink SQLite backup");
    }

    @Test
    void copyStore_movesEverythingToPostgres_andAServerThereCarriesOn() throws Exception {
        java.util.List<String> batchMembers = java.util.stream.IntStream.range(0, 25)
                .mapToObj(i -> "copy-batch-member-" + i + "-on-line-two").toList();
        Path dataDir = tmp.resolve("outgrown");
        CorelinkServer server = serve(dataDir, null);
        String certificateId;
        try (IotClient iot = iot(server); GreengrassV2Client greengrass = greengrass(server)) {
            iot.createThing(r -> r.thingName("copy:core").attributePayload(a -> a.attributes(java.util.Map.of("k", "v"))));
            iot.createThing(r -> r.thingName("copy-client"));
            certificateId = iot.createKeysAndCertificate(r -> r.setAsActive(true)).certificateId();
            iot.attachThingPrincipal(r -> r.thingName("copy-client").principal(
                    "arn:aws:iot:us-east-1:000000000000:cert/" + certificateId));
            greengrass.batchAssociateClientDeviceWithCoreDevice(r -> r.coreDeviceThingName("copy:core")
                    .entries(e -> e.thingName("copy-client")));
            greengrass.updateConnectivityInfo(r -> r.thingName("copy:core").connectivityInfo(c -> c.id("lan")
                    .hostAddress("10.0.0.1").portNumber(8883)));
            greengrass.tagResource(r -> r.resourceArn("arn:aws:greengrass:us-east-1:000000000000:coreDevices:copy:core")
                    .tags(java.util.Map.of("site", "plant-7")));
            // A batch long enough that its audit parameters and its events' fan-out are kept compressed (a BLOB).
            iot.createThing(r -> r.thingName("copy-line-2"));
            for (String member : batchMembers) {
                iot.createThing(r -> r.thingName(member));
            }
            greengrass.batchAssociateClientDeviceWithCoreDevice(r -> r.coreDeviceThingName("copy-line-2")
                    .entries(batchMembers.stream().map(name -> software.amazon.awssdk.services.greengrassv2.model
                            .AssociateClientDeviceWithCoreDeviceEntry.builder().thingName(name).build()).toList()));
        } finally {
            server.close();
        }
        String rootCa = Files.readString(dataDir.resolve("ca/root-ca.pem"));
        String postgres = TestPostgres.newDatabase();
        CommandRun copy = run("copy-store", "--data-dir", dataDir.toString(), "--to-database-url", postgres,
                "--to-database-user", "postgres");
        assertThat(copy.exit()).as(copy.err()).isZero();
        assertThat(copy.out()).contains("copied 28 rows of thing")
                .contains("copied 26 rows of client_device_association");
        assertThat(run("copy-store", "--data-dir", dataDir.toString(), "--to-database-url", postgres,
                "--to-database-user", "postgres").err()).contains("not empty");

        CorelinkServer onPostgres = serve(tmp.resolve("pg-node"), postgres);
        try (IotClient iot = iot(onPostgres); GreengrassV2Client greengrass = greengrass(onPostgres)) {
            assertThat(Files.readString(onPostgres.dataDirectory().resolve("ca/root-ca.pem"))).isEqualTo(rootCa);
            assertThat(iot.describeThing(r -> r.thingName("copy:core")).attributes()).containsEntry("k", "v");
            assertThat(iot.listThingPrincipals(r -> r.thingName("copy-client")).principals()).singleElement()
                    .asString().endsWith(certificateId);
            assertThat(greengrass.listClientDevicesAssociatedWithCoreDevice(r -> r.coreDeviceThingName("copy:core"))
                    .associatedClientDevices()).extracting(d -> d.thingName()).containsExactly("copy-client");
            assertThat(greengrass.getConnectivityInfo(r -> r.thingName("copy:core")).connectivityInfo())
                    .extracting(c -> c.hostAddress()).containsExactly("10.0.0.1");
            assertThat(greengrass.getCoreDevice(r -> r.coreDeviceThingName("copy:core")).tags())
                    .containsEntry("site", "plant-7");
            // The audit log and the change events copied, and numbered on after the copied rows.
            iot.createThing(r -> r.thingName("copy-after"));
            String events = "";
            for (long deadline = System.nanoTime() + 10_000_000_000L; !events.contains("copy-after")
                    && System.nanoTime() < deadline; ) {
                // A change on PostgreSQL gets its place in the stream within a moment (the sequencer's turn).
                events = io.corelink.testing.RawClient.forTest(java.net.URI.create("http://127.0.0.1:"
                        + onPostgres.controlPlanePort()), KEY, SECRET, "us-east-1").request("GET",
                        "/corelink/v1/events?after=0").service("greengrass").send().body();
            }
            assertThat(events.indexOf("\"copy:core\"")).isNotNegative()
                    .isLessThan(events.indexOf("\"copy-after\""));
            String audit = io.corelink.testing.RawClient.forTest(java.net.URI.create("http://127.0.0.1:"
                    + onPostgres.controlPlanePort()), KEY, SECRET, "us-east-1").request("GET",
                    "/corelink/v1/auditEvents?eventName=CreateThing").service("greengrass").send().body();
            assertThat(audit.indexOf("copy-after")).isNotNegative().isLessThan(audit.indexOf("copy:core"));
            assertThat(greengrass.listClientDevicesAssociatedWithCoreDevice(r -> r.coreDeviceThingName("copy-line-2"))
                    .associatedClientDevices()).extracting(d -> d.thingName())
                    .containsExactlyInAnyOrderElementsOf(batchMembers);
            for (String member : batchMembers) {
                assertThat(events).contains("\"clientDeviceThingName\":\"" + member + "\"");
            }
            String batchAudit = io.corelink.testing.RawClient.forTest(java.net.URI.create("http://127.0.0.1:"
                    + onPostgres.controlPlanePort()), KEY, SECRET, "us-east-1").request("GET",
                    "/corelink/v1/auditEvents?eventName=BatchAssociateClientDeviceWithCoreDevice").service("greengrass")
                    .send().body();
            assertThat(batchAudit).contains("\"thingName\":\"" + batchMembers.get(24) + "\"");
        } finally {
            onPostgres.close();
        }
    }

    @Test
    void restore_keepsTheReplacedStore_andWritesTheRestoredAdministratorKey() throws Exception {
        Path source = tmp.resolve("source");
        CorelinkServer server = serve(source, null);
        try (IotClient iot = iot(server)) {
            iot.createThing(r -> r.thingName("in-the-backup"));
        } finally {
            server.close();
        }
        Path backup = tmp.resolve("source.db");
        assertThat(run("backup", "--data-dir", source.toString(), "--output", backup.toString()).exit()).isZero();

        Path target = tmp.resolve("target");
        CorelinkServer other = CorelinkServer.start(ServerConfig.defaults(target).withPort(0)
                        .withDataPlanePorts(List.of(0)).withAdministratorKey("AKIAOTHERKEY00000001",
                                "other-secret-000000000000000000000000000"),
                Clock.systemUTC(), new PrintStream(OutputStream.nullOutputStream()));
        try (IotClient iot = IotClient.builder().endpointOverride(URI.create("http://127.0.0.1:"
                        + other.controlPlanePort())).region(Region.US_EAST_1).credentialsProvider(() ->
                        AwsBasicCredentials.create("AKIAOTHERKEY00000001", "other-secret-000000000000000000000000000"))
                .httpClient(ApacheHttpClient.create()).build()) {
            iot.createThing(r -> r.thingName("only-in-the-replaced-store"));
        } finally {
            other.close();
        }
        assertThat(Files.readString(target.resolve("admin-credentials"))).contains("AKIAOTHERKEY00000001");

        CommandRun restore = run("restore", "--data-dir", target.toString(), "--input", backup.toString());

        assertThat(restore.exit()).as(restore.err()).isZero();
        Path safetyCopy = target.resolve("corelink.db.before-restore");
        assertThat(restore.out()).contains("the replaced store is kept as " + safetyCopy)
                .contains("wrote the restored administrator key " + KEY);
        assertThat(Files.readString(target.resolve("admin-credentials"))).isEqualTo("[corelink]\naws_access_key_id = "
                + KEY + "\naws_secret_access_key = " + SECRET + "\n");
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(
                target.resolve("admin-credentials")))).isEqualTo("rw-------");
        assertThat(SqliteStore.isCorelinkDatabase(safetyCopy)).isTrue();
        try (var replaced = SqliteStore.open(safetyCopy)) {
            assertThat(replaced.read(tx -> tx.things().find(io.corelink.domain.thing.ThingName.of(
                    "only-in-the-replaced-store"))).isPresent()).as("the safety copy has the replaced store's data")
                    .isTrue();
        }
    }

    @Test
    void storeCommands_refuseWhatWasNotMeant_inOnePlainSentence() throws Exception {
        Path missing = tmp.resolve("no-such-dir");
        CommandRun backup = run("backup", "--data-dir", missing.toString(), "--output", tmp.resolve("b.db").toString());
        assertThat(backup.exit()).isEqualTo(1);
        assertThat(backup.err()).isEqualTo("corelink: there is no data directory at " + missing
                + "; check --data-dir\n");

        Path dataDir = tmp.resolve("present");
        serve(dataDir, null).close();
        Path intoMissing = tmp.resolve("nowhere/b.db");
        CommandRun output = run("backup", "--data-dir", dataDir.toString(), "--output", intoMissing.toString());
        assertThat(output.err()).as("blames the output, not the source").isEqualTo("corelink: cannot write the backup to "
                + intoMissing + ": there is no directory " + intoMissing.getParent() + "\n");

        CommandRun noInput = run("restore", "--data-dir", dataDir.toString(), "--input", tmp.resolve("gone.db").toString());
        assertThat(noInput.err()).isEqualTo("corelink: there is no file at " + tmp.resolve("gone.db")
                + "; check --input\n");
        CommandRun restoreMissing = run("restore", "--data-dir", missing.toString(), "--input",
                dataDir.resolve("corelink.db").toString());
        assertThat(restoreMissing.err()).contains("there is no data directory at " + missing);
        assertThat(missing).doesNotExist();

        CommandRun unreachable = run("migrate", "--database-url", "jdbc:postgresql://127.0.0.1:1/corelink");
        assertThat(unreachable.exit()).isEqualTo(1);
        assertThat(unreachable.err()).startsWith("corelink: migration failed: cannot open the PostgreSQL store at "
                + "jdbc:postgresql://127.0.0.1:1/corelink: ").contains("is it running").doesNotContain("Exception")
                .endsWith("\n").hasLineCount(1);

        CommandRun copyMissing = run("copy-store", "--data-dir", missing.toString(), "--to-database-url",
                "jdbc:postgresql://127.0.0.1:1/x");
        assertThat(copyMissing.err()).contains("there is no data directory at " + missing);
    }
}
