package io.corelink.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.corelink.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.iot.IotClient;

/**
 * {@code corelink aws}: Debian's AWS CLI ({@code /usr/bin/aws}, which {@code .ci/run} installs) run against a real
 * server with nothing but the data directory to go on.
 */
class AwsCommandTest {
    private static final Path DEBIAN_AWS = Path.of("/usr/bin/aws");
    private static TestServer server;

    @TempDir
    Path dataDir;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void theAwsCli_reachesThisServer_withTheDataDirectorysCredentials() throws Exception {
        assumeTrue(Files.isExecutable(DEBIAN_AWS), "no AWS CLI at /usr/bin/aws");
        writeCredentials();

        CommandRun created = run("iot", "create-thing", "--thing-name", "via-wrapper", "--query", "thingArn",
                "--output", "text");

        assertThat(created.exit()).as(created.err()).isZero();
        assertThat(awsOutput(created)).isEqualTo("arn:aws:iot:us-east-1:000000000000:thing/via-wrapper");
        try (IotClient iot = server.iot()) {
            assertThat(iot.describeThing(r -> r.thingName("via-wrapper")).thingName()).isEqualTo("via-wrapper");
        }
        CommandRun listed = run("greengrassv2", "list-client-devices-associated-with-core-device",
                "--core-device-thing-name", "via-wrapper", "--output", "json");
        assertThat(listed.exit()).as(listed.err()).isZero();
        assertThat(awsOutput(listed)).contains("\"associatedClientDevices\": []");
    }

    @Test
    void theAwsClisErrors_andExitCode_comeThrough() throws Exception {
        assumeTrue(Files.isExecutable(DEBIAN_AWS), "no AWS CLI at /usr/bin/aws");
        writeCredentials();

        CommandRun missing = run("iot", "describe-thing", "--thing-name", "nope");

        assertThat(missing.exit()).isNotZero().isNotEqualTo(1);
        assertThat(missing.err()).contains("(ResourceNotFoundException)").doesNotContain("corelink:");
    }

    @Test
    void theArguments_goThroughUntouched_afterTheEndpoint_andTheCredentialsGoThroughTheEnvironment()
            throws Exception {
        writeCredentials();
        // Shows what it was given: its arguments one a line, then the environment that matters.
        Path echo = dataDir.resolve("echo-aws");
        Files.writeString(echo, "#!/bin/sh\nfor a in \"$@\"; do echo \"arg:$a\"; done\n"
                + "echo \"key:$AWS_ACCESS_KEY_ID\"\necho \"region:$AWS_REGION\"\n"
                + "echo \"secret-in-env:${AWS_SECRET_ACCESS_KEY:+yes}\"\n");
        Files.setPosixFilePermissions(echo, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));

        CommandRun run = CommandRun.of("aws", "--aws-cli", echo.toString(), "--endpoint", "http://127.0.0.1:9",
                "--region", "eu-west-1", "--data-dir", dataDir.toString(), "iot", "list-things", "--debug",
                "--output=json", "@" + dataDir.resolve("admin-credentials"), "--", "x y");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(awsOutput(run)).isEqualTo(String.join("\n", "arg:--endpoint-url", "arg:http://127.0.0.1:9",
                "arg:iot", "arg:list-things", "arg:--debug", "arg:--output=json",
                "arg:@" + dataDir.resolve("admin-credentials"), "arg:--", "arg:x y",
                "key:" + TestServer.ACCESS_KEY_ID, "region:eu-west-1", "secret-in-env:yes"));
        assertThat(run.out()).doesNotContain(TestServer.SECRET);
    }

    @Test
    void withoutAnAwsCli_oneLineSaysWhatToDo_beforeAnythingElse() {
        // No credentials in the data directory either: the missing AWS CLI is what the user must hear about.
        CommandRun run = CommandRun.of("aws", "--aws-cli", "/nonexistent/aws", "--data-dir", dataDir.toString(),
                "iot", "list-things");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("corelink: no AWS CLI found ('/nonexistent/aws' is not an executable file); "
                + "install it (Debian: apt install awscli) or name it with --aws-cli PATH\n");
    }

    @Test
    void withoutAnAwsCliOnPath_theMessageNamesTheInstall() throws Exception {
        writeCredentials();
        CommandRun run = CommandRun.of("aws", "--aws-cli", "no-such-aws-cli", "--data-dir", dataDir.toString(),
                "iot", "list-things");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("corelink: no AWS CLI found ('no-such-aws-cli' is not on PATH); install it "
                + "(Debian: apt install awscli) or name it with --aws-cli PATH\n");
    }

    private CommandRun run(String... awsArguments) {
        String[] args = new String[awsArguments.length + 5];
        args[0] = "aws";
        args[1] = "--endpoint";
        args[2] = server.endpoint().toString();
        args[3] = "--data-dir";
        args[4] = dataDir.toString();
        System.arraycopy(awsArguments, 0, args, 5, awsArguments.length);
        return CommandRun.of(args);
    }

    /** What the AWS CLI printed: the in-process server's access log shares standard output. */
    private static String awsOutput(CommandRun run) {
        return run.out().lines().filter(line -> !line.contains(" INFO  access - "))
                .collect(java.util.stream.Collectors.joining("\n"));
    }

    private void writeCredentials() throws Exception {
        Files.writeString(dataDir.resolve("admin-credentials"), "[corelink]\naws_access_key_id = "
                + TestServer.ACCESS_KEY_ID + "\naws_secret_access_key = " + TestServer.SECRET + "\n");
    }
}
