package io.corelink.app;

import io.corelink.fleet.CoreDataPlane;
import io.corelink.fleet.DeviceFiles;
import io.corelink.fleet.FleetApi;
import io.corelink.fleet.FleetApply;
import io.corelink.fleet.FleetException;
import io.corelink.fleet.Fixture;
import io.corelink.pki.KeyAlgorithm;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** What {@code apply} and {@code serve --init} share: reading a fixture and applying it with a connection. */
final class FleetCommands {
    private FleetCommands() {
    }

    /** Where a core reaches the data plane: DescribeEndpoint's host on the default data-plane port. */
    static URI defaultDataPlane(String host) {
        return URI.create("https://" + (host.contains(":") ? "[" + host + "]" : host) + ":"
                + ServerConfig.DEFAULT_DATA_PLANE_PORT);
    }

    /** @throws StartupException when the file cannot be read or is not a fixture */
    static Fixture readFixture(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new StartupException("cannot read " + file + ": " + (Files.exists(file) ? e.getClass()
                    .getSimpleName() : "no such file"));
        }
        Path parent = file.toAbsolutePath().getParent();
        try {
            return Fixture.parse(text, parent == null ? Path.of("") : parent);
        } catch (FleetException e) {
            throw new StartupException(file + ": " + e.getMessage());
        }
    }

    /**
     * Applies the fixture through {@code connection}, printing each change to {@code out}.
     *
     * @param dataPlane the data plane's URL; null for {@code https://<DescribeEndpoint's host>:8443}
     * @return the changes
     * @throws StartupException when a step is refused or the server does not answer
     */
    static List<String> apply(Fixture fixture, ServerConnection connection, Path out, KeyAlgorithm keys,
                              @Nullable URI dataPlane, PrintStream print) {
        FleetApi api = new FleetApi(connection.client());
        javax.net.ssl.TrustManager[] trust = TrustBundle.trustManagers(connection.dataDir.resolve(
                RootCertificateAuthority.CERTIFICATE_FILE), connection.caBundle());
        try {
            FleetApply apply = new FleetApply(api, new DeviceFiles(out), keys, () -> new CoreDataPlane(
                    dataPlane != null ? dataPlane : defaultDataPlane(api.dataEndpointHost()), trust), Clock.systemUTC());
            List<String> changes = apply.apply(fixture);
            changes.forEach(change -> print.println("  " + change));
            return changes;
        } catch (FleetException | io.corelink.fleet.FleetApi.AwsError e) {
            throw new StartupException(String.valueOf(e.getMessage()));
        }
    }
}
