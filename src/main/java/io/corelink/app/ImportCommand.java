package io.corelink.app;

import io.corelink.fleet.DeviceFiles;
import io.corelink.fleet.FleetApi;
import io.corelink.fleet.FleetException;
import io.corelink.fleet.FleetImport;
import io.corelink.fleet.ImportFile;
import io.corelink.fleet.ImportProgress;
import io.corelink.fleet.ImportRow;
import io.corelink.pki.KeyAlgorithm;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code corelink import FILE} (operations.md §5): the client devices of a CSV or JSON Lines file registered on a
 * running server through its public API. Prints a summary (created / already there / failed, and each failure with
 * its row and AWS error) on standard output, progress on standard error. Exit code 0 when every row is done, 1 when a
 * row failed or the import could not go on (a rerun resumes it), 2 for a usage error.
 */
@Command(name = "import", usageHelpAutoWidth = true,
        description = {"Register client devices from a CSV or JSON Lines file: things, attributes, certificates,",
            "policies, associations. Idempotent; a rerun resumes an interrupted import."})
final class ImportCommand implements Callable<Integer> {
    static final Duration PROGRESS_PERIOD = Duration.ofSeconds(10);

    @Mixin
    ServerConnection connection;

    @Mixin
    GeneratedFilesOptions generated;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "CSV with a header line, or JSON Lines.")
    Path file;

    @Option(names = "--concurrency", paramLabel = "N", defaultValue = "8",
            description = "Requests in flight at once, 1..64. Default: ${DEFAULT-VALUE}.")
    int concurrency;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Override
    public Integer call() {
        if (concurrency < 1 || concurrency > 64) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--concurrency must be 1..64, not " + concurrency);
        }
        KeyAlgorithm algorithm;
        try {
            algorithm = generated.keyAlgorithm();
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--key-algorithm " + e.getMessage());
        }
        try {
            List<ImportRow> rows = ImportFile.read(file);
            FleetImport importer = new FleetImport(new FleetApi(connection.client()), new DeviceFiles(generated.out),
                    algorithm, concurrency);
            FleetImport.Summary summary;
            try (ImportProgress progress = onTerminal() ? ImportProgress.bar(rows.size())
                    : ImportProgress.lines(rows.size(), System.err, PROGRESS_PERIOD)) {
                summary = importer.run(rows, progress);
            }
            print(summary, System.out);
            return summary.failures().isEmpty() ? 0 : 1;
        } catch (FleetException | io.corelink.fleet.FleetApi.AwsError e) {
            throw new StartupException(String.valueOf(e.getMessage()));
        }
    }

    static void print(FleetImport.Summary summary, PrintStream out) {
        out.printf("corelink import: %d rows: %d created, %d already there, %d failed%n", summary.results().size(),
                summary.count(FleetImport.Outcome.CREATED), summary.count(FleetImport.Outcome.ALREADY_THERE),
                summary.count(FleetImport.Outcome.FAILED));
        for (FleetImport.RowResult failure : summary.failures()) {
            String thing = failure.row().thingName().isEmpty() ? "" : " (" + failure.row().thingName() + ")";
            out.printf("  line %d%s: %s%n", failure.row().line(), thing, failure.error());
        }
    }

    /** Standard error is a terminal: Java 22 and later give every process a Console, and say whether it is one. */
    private static boolean onTerminal() {
        java.io.Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }
}
