package io.corelink.app;

import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code corelink} command line. Bad input (an unknown option, a bad value, a port in use, an unusable data
 * directory) ends it with one line on standard error and a non-zero exit code: 2 for usage, 1 for start-up.
 */
@Command(name = "corelink", mixinStandardHelpOptions = true, versionProvider = BuildInfo.VersionProvider.class,
        description = "Self-hosted AWS IoT Greengrass V2 client-device association and discovery.")
public final class Main implements Runnable {
    /** The subcommands, in the order help lists them. */
    private static final java.util.List<Class<?>> SUBCOMMANDS = java.util.List.of(ServeCommand.class,
            DiagnoseDiscoveryCommand.class, AuditCommand.class, FaultsCommand.class, AwsCommand.class, ImportCommand.class,
            ApplyCommand.class, ExportCommand.class, StoreCommands.Migrate.class, StoreCommands.Backup.class,
            StoreCommands.Restore.class, StoreCommands.CopyStore.class);
    static final int USAGE = 2;
    static final int STARTUP_FAILED = 1;

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("serve")) {
            Preload.start();
        }
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit code instead of exiting (for embedding and tests). */
    public static int run(String... args) {
        // "@file" arguments stay as they are: picocli would otherwise read the file into the arguments (for
        // 'corelink aws', onto the AWS CLI's command line, which other users of the machine can read).
        CommandLine commandLine = new CommandLine(new Main()).setExpandAtFiles(false);
        // picocli builds a model of every subcommand it is given, by reflection (0.1 s of a 1 s start): a command
        // line that names one gets only that one; help, errors and anything else get them all.
        for (Class<?> subcommand : SUBCOMMANDS) {
            String name = subcommand.getAnnotation(Command.class).name();
            if (args.length == 0 || !isSubcommand(args[0]) || args[0].equals(name)) {
                commandLine.addSubcommand(name, subcommand);
            }
        }
        CommandLine aws = commandLine.getSubcommands().get("aws");
        if (aws != null) {
            // Everything from the first argument that is not Corelink's is the AWS CLI's, options included.
            aws.setStopAtPositional(true).setUnmatchedOptionsArePositionalParams(true);
        }
        commandLine.setParameterExceptionHandler((e, arguments) -> {
            System.err.println("corelink: " + e.getMessage() + " (see 'corelink "
                    + commandName(e.getCommandLine()) + "--help')");
            return USAGE;
        });
        commandLine.setExecutionExceptionHandler((e, cmd, parseResult) -> {
            if (e instanceof StartupException) {
                System.err.println("corelink: " + e.getMessage());
                return STARTUP_FAILED;
            }
            LoggerFactory.getLogger(Main.class).debug("unexpected failure", e);
            System.err.println("corelink: failed unexpectedly; run again with CORELINK_LOG_LEVEL=DEBUG for details");
            return STARTUP_FAILED;
        });
        return commandLine.execute(args);
    }

    private static boolean isSubcommand(String argument) {
        return SUBCOMMANDS.stream().anyMatch(c -> c.getAnnotation(Command.class).name().equals(argument));
    }

    private static String commandName(CommandLine commandLine) {
        return commandLine.getParent() == null ? "" : commandLine.getCommandName() + " ";
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
