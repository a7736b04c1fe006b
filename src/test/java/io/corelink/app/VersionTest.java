package io.corelink.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code corelink --version}: the version and the commit the build was made from (operations.md §6). */
class VersionTest {
    private static final Pattern LINE =
            Pattern.compile("corelink (\\d+\\.\\d+\\.\\d+(?:-SNAPSHOT)?) \\(commit ([0-9a-f]{12}|unknown)(-dirty)?\\)\n");

    @Test
    void version_namesTheReleaseAndTheCommitOfThisClone() throws Exception {
        CommandRun run = CommandRun.of("--version");

        assertThat(run.exit()).isZero();
        assertThat(run.err()).isEmpty();
        Matcher line = LINE.matcher(run.out());
        assertThat(line.matches()).as(run.out()).isTrue();
        assertThat(line.group(1)).isEqualTo(pomVersion());
        if (Files.isDirectory(Path.of(".git"))) {
            // Built from this clone: the commit is HEAD's (the build may be of a later HEAD than the one it began at
            // only if someone commits during the build, which the tests do not).
            assertThat(line.group(2)).isEqualTo(git("rev-parse", "--short=12", "HEAD"));
        }
    }

    @Test
    void buildInfo_readsUnfilledValuesAsUnknown() {
        assertThat(new BuildInfo("0.1.0", "unknown", false).describe()).isEqualTo("corelink 0.1.0 (commit unknown)");
        assertThat(new BuildInfo("1.2.3", "0123456789ab", true).describe())
                .isEqualTo("corelink 1.2.3 (commit 0123456789ab-dirty)");
    }

    private static String pomVersion() throws Exception {
        String pom = Files.readString(Path.of("pom.xml"), StandardCharsets.UTF_8);
        Matcher version = Pattern.compile("<artifactId>corelink</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(pom);
        assertThat(version.find()).isTrue();
        return version.group(1);
    }

    private static String git(String... args) throws Exception {
        String[] command = new String[args.length + 1];
        command[0] = "git";
        System.arraycopy(args, 0, command, 1, args.length);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
        return out;
    }
}
