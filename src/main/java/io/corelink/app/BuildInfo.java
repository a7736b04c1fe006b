package io.corelink.app;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;

/**
 * What this build is: its version and the commit it was built from, as Maven wrote them into
 * {@code io/corelink/build.properties}. A value Maven could not fill in (a build outside a git clone, classes run
 * straight from an IDE) reads as {@code unknown}; a build from a clone with uncommitted changes says so.
 */
public record BuildInfo(String version, String commit, boolean dirty) {
    private static final String UNKNOWN = "unknown";

    /** The build info of the running code; never fails. */
    public static BuildInfo current() {
        Properties properties = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream("/io/corelink/build.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            // unreadable: every value is unknown
        }
        return new BuildInfo(value(properties, "version"), value(properties, "commit"),
                "true".equals(properties.getProperty("dirty")));
    }

    private static String value(Properties properties, String name) {
        String value = properties.getProperty(name, "").strip();
        return value.isEmpty() || value.startsWith("${") ? UNKNOWN : value;
    }

    /** {@code corelink 0.1.0 (commit 0123456789ab)}, with {@code -dirty} after a commit with uncommitted changes. */
    public String describe() {
        return "corelink " + version + " (commit " + commit + (dirty ? "-dirty" : "") + ")";
    }

    /** picocli's {@code --version}: the one line of {@link #describe()}. */
    public static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {current().describe()};
        }
    }
}
