package io.corelink.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.corelink.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.iot.IotClient;

/** {@code corelink faults set FILE | list | clear} against a running server (operations.md §2). */
class FaultsCommandTest {
    @TempDir
    Path tmp;

    @Test
    void setListClear_throughTheSignedEndpoint() throws Exception {
        try (TestServer server = TestServer.start(Clock.systemUTC(), config -> config.withFaultInjection(true));
             IotClient iot = server.iot()) {
            String[] connection = {"--endpoint", server.endpoint().toString(), "--data-dir",
                    server.databaseFile().getParent().toString()};
            Path rules = Files.writeString(tmp.resolve("rules.json"),
                    "[{\"action\":\"iot:ListThings\",\"error\":\"InternalFailureException\",\"count\":1}]");
            CommandRun set = CommandRun.of(concat(new String[] {"faults", "set", rules.toString()}, connection));
            assertThat(set.exit()).as(set.err()).isZero();
            assertThat(set.out()).contains("\"action\":\"iot:ListThings\"").contains("\"fired\":0");
            iot.listThings(); // the SDK retries the injected 500
            assertThat(CommandRun.of(concat(new String[] {"faults", "list"}, connection)).out())
                    .contains("\"fired\":1");
            assertThat(CommandRun.of(concat(new String[] {"faults", "clear"}, connection)).out())
                    .contains("{\"rules\":[]}\n");
            Path bad = Files.writeString(tmp.resolve("bad.json"), "[{\"action\":\"iot:ListThings\"}]");
            CommandRun refused = CommandRun.of(concat(new String[] {"faults", "set", bad.toString()}, connection));
            assertThat(refused.exit()).isEqualTo(1);
            assertThat(refused.err()).contains("faults set failed: 400 ValidationException: rules[0]: a rule needs an "
                    + "error or a latency");
        }
        try (TestServer plain = TestServer.start()) {
            CommandRun off = CommandRun.of("faults", "list", "--endpoint", plain.endpoint().toString(), "--data-dir",
                    plain.databaseFile().getParent().toString());
            assertThat(off.exit()).isEqualTo(1);
            assertThat(off.err()).contains("404 UnknownOperationException").contains("--fault-injection");
        }
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
