package io.corelink.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code serve} does with its input before it serves: usage errors, the data directory's modes, the
 * administrator key file, database passwords kept out of {@code ps}.
 */
class ServeStartupTest {
    @TempDir
    Path tmp;

    private static CommandRun run(String... args) {
        return CommandRun.of(args);
    }


    private static CorelinkServer start(Path dataDir, String keyId, String secret) {
        ServerConfig config = ServerConfig.defaults(dataDir).withPort(0).withDataPlanePorts(List.of(0));
        return CorelinkServer.start(keyId == null ? config : config.withAdministratorKey(keyId, secret),
                Clock.systemUTC(), new PrintStream(OutputStream.nullOutputStream()));
    }

    private static String credentials(String keyId, String secret) {
        return "[corelink]\naws_access_key_id = " + keyId + "\naws_secret_access_key = " + secret + "\n";
    }

    private static String mode(Path file) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
    }

    @Test
    void valuesOutOfRange_areUsageErrors_likeValuesThatDoNotParse() {
        Path dataDir = tmp.resolve("untouched");
        for (String[] args : List.of(new String[] {"--port", "70000"}, new String[] {"--port", "abc"},
                new String[] {"--data-plane-port", "-1"}, new String[] {"--account-id", "12"},
                new String[] {"--database-url", "jdbc:mysql://db.example/corelink?password=hunter2"},
                new String[] {"--rate-limit", "iot:CreateThing"}, new String[] {"--rate-limit", "iot:CreateThing=0"},
                new String[] {"--rate-limit", "iot:*=5,iot:*=6"}, new String[] {"--metrics-port", "http"},
                new String[] {"--metrics-port", "70000"}, new String[] {"--metrics-port", "8080"},
                new String[] {"--tls-cert-file", "server.pem"})) {
            List<String> command = new java.util.ArrayList<>(List.of("serve", "--data-dir", dataDir.toString()));
            command.addAll(List.of(args));
            CommandRun run = run(command.toArray(String[]::new));
            assertThat(run.exit()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(run.err()).as(String.join(" ", args)).startsWith("corelink: ").hasLineCount(1)
                    .endsWith("(see 'corelink serve --help')\n").doesNotContain("hunter2").doesNotContain("Exception");
        }
        assertThat(run("serve", "--port", "70000").err())
                .isEqualTo("corelink: --port must be 0..65535, not 70000 (see 'corelink serve --help')\n");
        assertThat(run("serve", "--rate-limit", "iot:CreateThing=fast").err()).isEqualTo("corelink: --rate-limit must "
                + "be SELECTOR=RATE[/BURST], such as greengrass:Discover=50/100, iot:*=10 or default=100, not "
                + "'iot:CreateThing=fast' (see 'corelink serve --help')\n");
        assertThat(run("serve", "--tls-key-file", "key.pem").err()).isEqualTo("corelink: --tls-cert-file and "
                + "--tls-key-file go together (see 'corelink serve --help')\n");
        assertThat(run("serve", "--metrics-port", "8443").err()).isEqualTo("corelink: --metrics-port must differ "
                + "from the control-plane and data-plane ports, not 8443 (see 'corelink serve --help')\n");
        assertThat(dataDir).as("the data directory is left as it was: not created").doesNotExist();
    }

    @Test
    void help_showsEveryVariable_andDefaultsUnbroken() {
        String help = run("serve", "--help").out();
        for (String variable : List.of("CORELINK_DATA_DIR", "CORELINK_HOST", "CORELINK_PORT",
                "CORELINK_DATA_PLANE_PORT", "CORELINK_DATA_PLANE_HOST", "CORELINK_REGION", "CORELINK_ACCOUNT_ID",
                "CORELINK_DATABASE_URL", "CORELINK_DATABASE_USER", "CORELINK_DATABASE_PASSWORD",
                "CORELINK_DATABASE_PASSWORD_FILE", "CORELINK_RATE_LIMIT", "CORELINK_FAULT_INJECTION",
                "CORELINK_CONTROL_PLANE_TLS", "CORELINK_TLS_CERT_FILE", "CORELINK_TLS_KEY_FILE",
                "CORELINK_METRICS_PORT", "CORELINK_LOG_FORMAT")) {
            assertThat(help).contains(variable);
        }
        assertThat(help).contains("Default: ./corelink-data;").contains("Default: 127.0.0.1;");
        assertThat(run("diagnose-discovery", "--help").out()).contains("Default: http://127.0.0.1:8080;");
        assertThat(run("backup", "--help").out()).doesNotContain("postgresql").doesNotContain("--database-user");
        assertThat(run("copy-store", "--help").out()).contains("User of that database")
                .contains("Password of that user");
    }

    @Test
    void theDataDirectory_isMadePrivateAtEveryStart_andItsLockIsTheOwnersAlone() throws Exception {
        Path dataDir = tmp.resolve("shared-looking");
        Files.createDirectory(dataDir);
        Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.createFile(dataDir.resolve("corelink.lock"));
        Files.setPosixFilePermissions(dataDir.resolve("corelink.lock"), PosixFilePermissions.fromString("rw-rw-rw-"));

        start(dataDir, null, null).close();

        assertThat(mode(dataDir)).isEqualTo("rwx------");
        assertThat(mode(dataDir.resolve("corelink.lock"))).isEqualTo("rw-------");
        Path fresh = tmp.resolve("fresh");
        start(fresh, null, null).close();
        assertThat(mode(fresh)).isEqualTo("rwx------");
        assertThat(mode(fresh.resolve("corelink.lock"))).isEqualTo("rw-------");
    }

    @Test
    void theCredentialsFile_alwaysHoldsTheKeyTheServerAccepts() throws Exception {
        Path dataDir = tmp.resolve("drift");
        Path file = dataDir.resolve("admin-credentials");
        start(dataDir, null, null).close();
        String generated = Files.readString(file);
        assertThat(generated).startsWith("[corelink]\naws_access_key_id = AKIA");

        start(dataDir, "AKIAFROMENVIRONMENT1", "environment-secret-00000000000000000000").close();
        assertThat(Files.readString(file)).isEqualTo(credentials("AKIAFROMENVIRONMENT1",
                "environment-secret-00000000000000000000"));
        assertThat(mode(file)).isEqualTo("rw-------");

        start(dataDir, "AKIAROTATEDKEY000002", "rotated-secret-0000000000000000000000000").close();
        assertThat(Files.readString(file)).isEqualTo(credentials("AKIAROTATEDKEY000002",
                "rotated-secret-0000000000000000000000000"));

        Files.delete(file);
        start(dataDir, null, null).close();
        assertThat(Files.readString(file)).as("a start without the variables writes the stored key back")
                .isEqualTo(credentials("AKIAROTATEDKEY000002", "rotated-secret-0000000000000000000000000"));
        assertThat(mode(file)).isEqualTo("rw-------");
    }

    @Test
    void aDatabasePassword_comesFromAFile_andOnTheCommandLineIsWarnedAbout() throws Exception {
        Path file = tmp.resolve("password");
        Files.writeString(file, "from-the-file\nignored second line\n");
        DatabaseCredentials fromFile = new DatabaseCredentials();
        fromFile.passwordFile = file.toString();
        ByteArrayOutputStream warnings = new ByteArrayOutputStream();
        assertThat(fromFile.password(new PrintStream(warnings, true, StandardCharsets.UTF_8)))
                .isEqualTo("from-the-file");
        assertThat(warnings.size()).isZero();

        DatabaseCredentials onCommandLine = new DatabaseCredentials();
        onCommandLine.password = "visible-in-ps";
        assertThat(onCommandLine.password(new PrintStream(warnings, true, StandardCharsets.UTF_8)))
                .isEqualTo("visible-in-ps");
        assertThat(warnings.toString(StandardCharsets.UTF_8)).contains("visible to other local users")
                .doesNotContain("visible-in-ps");

        DatabaseCredentials missing = new DatabaseCredentials();
        missing.passwordFile = tmp.resolve("nope").toString();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> missing.password(System.err))
                .isInstanceOf(StartupException.class)
                .hasMessage("cannot read the password file " + tmp.resolve("nope") + ": no such file or directory");
    }

    @Test
    void anUnusableDataDirectory_isNamedInWords() {
        CommandRun proc = run("serve", "--data-dir", "/proc/corelink-x", "--port", "0", "--data-plane-port", "0");
        assertThat(proc.exit()).isEqualTo(1);
        assertThat(proc.err()).isEqualTo("corelink: cannot create the data directory /proc/corelink-x: no such file or "
                + "directory; choose another --data-dir\n");
        CommandRun endpoint = run("diagnose-discovery", "sensor-1", "--endpoint", "127.0.0.1:8080");
        assertThat(endpoint.err()).isEqualTo("corelink: --endpoint must be a URL such as http://127.0.0.1:8080, not "
                + "'127.0.0.1:8080'\n");
        CommandRun refused = run("diagnose-discovery", "sensor-1", "--endpoint", "http://127.0.0.1:1", "--data-dir",
                tmp.toString());
        assertThat(refused.err()).startsWith("corelink: ").doesNotContain("Exception").hasLineCount(1);
    }
}
