package io.corelink.app;

import io.corelink.fleet.FleetApi;
import io.corelink.fleet.FleetException;
import io.corelink.fleet.FleetExport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code corelink export [--output FILE]} (operations.md §5): the server's state as a fixture that {@code corelink
 * apply} brings about again (standard output by default). Exit code 0, or 1 with one line when the server cannot be
 * read.
 */
@Command(name = "export", usageHelpAutoWidth = true,
        description = {"Write the server's fleet (policies, things, core devices) as a fixture for 'corelink apply'."})
final class ExportCommand implements Callable<Integer> {
    @Mixin
    ServerConnection connection;

    @Option(names = "--output", paramLabel = "FILE", description = "Write it there. Default: standard output.")
    Path output;

    @Option(names = "--concurrency", paramLabel = "N", defaultValue = "8",
            description = "Reads in flight at once, 1..64. Default: ${DEFAULT-VALUE}.")
    int concurrency;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (concurrency < 1 || concurrency > 64) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--concurrency must be 1..64, not " + concurrency);
        }
        String yaml;
        try {
            yaml = new FleetExport(new FleetApi(connection.client()), concurrency).export().toYaml();
        } catch (FleetException | io.corelink.fleet.FleetApi.AwsError e) {
            throw new StartupException(String.valueOf(e.getMessage()));
        }
        if (output == null) {
            System.out.print(yaml);
            System.out.flush();
            return 0;
        }
        try {
            Files.writeString(output, yaml, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new StartupException("cannot write " + output + ": " + e.getClass().getSimpleName());
        }
        return 0;
    }
}
