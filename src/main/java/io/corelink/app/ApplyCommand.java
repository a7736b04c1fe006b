package io.corelink.app;

import io.corelink.fleet.Fixture;
import io.corelink.pki.KeyAlgorithm;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code corelink apply FILE.yaml} (operations.md §5): brings about what a fixture names on a running server, and
 * nothing else. Prints each change, then a count. Exit code 0 when the fixture is in place, 1 when a step was refused
 * (what was done before it is kept) or the server could not be reached, 2 for a usage error.
 */
@Command(name = "apply", usageHelpAutoWidth = true,
        description = {"Bring about a fleet fixture (YAML: policies, things, core devices) on a running server.",
            "Idempotent: what the fixture names is created or updated, what it does not name is left alone."})
final class ApplyCommand implements Callable<Integer> {
    @Mixin
    ServerConnection connection;

    @Mixin
    GeneratedFilesOptions generated;

    @Parameters(index = "0", paramLabel = "FILE.yaml", description = "The fixture.")
    Path file;

    @Option(names = "--data-plane-endpoint", paramLabel = "URL",
            defaultValue = "${env:CORELINK_DATA_PLANE_ENDPOINT:-}",
            description = {"Where a core reaches the data plane, to put its CA certificates.",
                "Default: https://<DescribeEndpoint's host>:8443; env CORELINK_DATA_PLANE_ENDPOINT."})
    String dataPlaneEndpoint;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        KeyAlgorithm algorithm;
        URI dataPlane = null;
        try {
            algorithm = generated.keyAlgorithm();
            if (dataPlaneEndpoint != null && !dataPlaneEndpoint.isBlank()) {
                dataPlane = URI.create(dataPlaneEndpoint.strip());
                if (!"https".equals(dataPlane.getScheme()) || dataPlane.getHost() == null) {
                    throw new IllegalArgumentException("--data-plane-endpoint must be an https:// URL, not '"
                            + dataPlaneEndpoint + "'");
                }
            }
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        Fixture fixture = FleetCommands.readFixture(file);
        List<String> changes = FleetCommands.apply(fixture, connection, generated.out, algorithm, dataPlane,
                System.out);
        System.out.println(changes.isEmpty() ? "corelink apply: nothing to change"
                : "corelink apply: " + changes.size() + " change" + (changes.size() == 1 ? "" : "s"));
        return 0;
    }
}
