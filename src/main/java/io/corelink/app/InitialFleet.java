package io.corelink.app;

import io.corelink.fleet.Fixture;
import io.corelink.pki.KeyAlgorithm;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code serve --init FILE.yaml}: the fixture applied to the server just started, through its own control plane and
 * data plane on the loopback address with its administrator key, exactly as {@code corelink apply} would from outside
 * (so that what CI gets at start is what a user would have got by hand).
 */
final class InitialFleet {
    private InitialFleet() {
    }

    /** @throws StartupException naming the fixture's entry that was refused: the server does not start */
    static void apply(CorelinkServer server, ServerConfig config, Fixture fixture, Path out, PrintStream print) {
        ServerConnection connection = new ServerConnection();
        connection.endpoint = server.controlPlaneUri().toString();
        connection.region = config.account().region();
        connection.dataDir = config.dataDir();
        java.nio.file.Path operatorCertificate = config.listeners().tlsCertificateFile();
        connection.caBundle = operatorCertificate == null ? "" : operatorCertificate.toString();
        URI dataPlane = URI.create("https://127.0.0.1:" + server.dataPlanePorts().get(0));
        try {
            List<String> changes = FleetCommands.apply(fixture, connection, out, KeyAlgorithm.EC_P256, dataPlane,
                    print);
            print.println("corelink: --init applied: " + (changes.isEmpty() ? "nothing to change"
                    : changes.size() + " change" + (changes.size() == 1 ? "" : "s")) + "; generated files under "
                    + out);
        } catch (StartupException e) {
            throw new StartupException("--init: " + e.getMessage());
        }
    }
}
