package io.corelink.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code corelink aws ARGS…}: runs the AWS CLI against this server, with the endpoint, the region and the
 * credentials filled in (operations.md; issue 15), so that a quick start needs no {@code --endpoint-url} on every
 * line: Debian's AWS CLI 2.9 ignores {@code AWS_ENDPOINT_URL}. Corelink's own options come first; everything from the
 * first other argument on is the AWS CLI's, untouched. The credentials reach the AWS CLI through its environment,
 * never its command line (which other users of the machine can read), and it gets none of Corelink's {@code CORELINK_*}
 * settings nor a profile or session token of other credentials; over {@code https://} the deployment's root CA
 * ({@code DATA_DIR/ca/root-ca.pem}), or Corelink's own {@code --ca-bundle}, is its CA bundle unless {@code --ca-bundle}
 * is among the AWS CLI's arguments (a machine-wide {@code AWS_CA_BUNDLE} would not know Corelink's CA).
 *
 * <p>Exits with the AWS CLI's exit code; 1 with one line when no AWS CLI is installed or there are no credentials.
 */
@Command(name = "aws", usageHelpAutoWidth = true,
        description = {"Run the AWS CLI against this server: endpoint, region and credentials filled in.",
            "Corelink's options first, then the AWS CLI's arguments, e.g. corelink aws iot list-things."})
final class AwsCommand implements Callable<Integer> {
    @Mixin
    ServerConnection connection;

    /** What could make the AWS CLI sign as someone else than this server's administrator. */
    private static final java.util.Set<String> IGNORED_AWS_VARIABLES = java.util.Set.of("AWS_PROFILE",
            "AWS_DEFAULT_PROFILE", "AWS_SESSION_TOKEN", "AWS_SECURITY_TOKEN", "AWS_CREDENTIAL_EXPIRATION",
            "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY");

    @Option(names = "--aws-cli", paramLabel = "PATH", defaultValue = "${env:CORELINK_AWS_CLI:-aws}",
            description = {"The AWS CLI to run: a path, or a name looked up on PATH.",
                "Default: ${DEFAULT-VALUE}; env CORELINK_AWS_CLI."})
    String awsCli;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Parameters(paramLabel = "ARGS", arity = "0..*", description = "The AWS CLI's arguments.")
    List<String> arguments = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        Path cli = find(awsCli).orElseThrow(() -> new StartupException("no AWS CLI found ('" + awsCli
                + "' is not " + (awsCli.contains("/") ? "an executable file" : "on PATH")
                + "); install it (Debian: apt install awscli) or name it with --aws-cli PATH"));
        URI endpoint = connection.endpointUri();
        String[] credentials = connection.credentials();
        List<String> command = new ArrayList<>(List.of(cli.toString(), "--endpoint-url", endpoint.toString()));
        Path given = connection.caBundle();
        Path bundle = given != null ? given : connection.dataDir.resolve(RootCertificateAuthority.CERTIFICATE_FILE);
        boolean ownBundle = arguments.stream().anyMatch(a -> a.equals("--ca-bundle") || a.startsWith("--ca-bundle="));
        if ("https".equals(endpoint.getScheme()) && !ownBundle && Files.isRegularFile(bundle)) {
            command.addAll(List.of("--ca-bundle", bundle.toString()));
        }
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.INHERIT);
        Map<String, String> environment = builder.environment();
        // Explicit credentials win over any profile, and a session token of other credentials would spoil them;
        // Corelink's own settings (its secrets among them) are none of the AWS CLI's business.
        environment.keySet().removeIf(name -> name.startsWith("CORELINK_") || IGNORED_AWS_VARIABLES.contains(name));
        environment.put("AWS_ACCESS_KEY_ID", credentials[0]);
        environment.put("AWS_SECRET_ACCESS_KEY", credentials[1]);
        environment.put("AWS_REGION", connection.region);
        environment.put("AWS_DEFAULT_REGION", connection.region);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new StartupException("cannot run " + cli + ": " + e.getMessage());
        }
        // Copied rather than inherited, so that whoever set System.out (a test, an embedding) gets the output.
        Thread out = copy(process.getInputStream(), System.out);
        Thread err = copy(process.getErrorStream(), System.err);
        int exit = process.waitFor();
        out.join();
        err.join();
        return exit;
    }

    /** The executable {@code name} names: itself when it holds a '/', else the first one of that name on PATH. */
    static Optional<Path> find(String name) {
        if (name.contains("/")) {
            Path path = Path.of(name);
            return Files.isRegularFile(path) && Files.isExecutable(path) ? Optional.of(path) : Optional.empty();
        }
        String path = System.getenv("PATH");
        if (path == null || name.isBlank()) {
            return Optional.empty();
        }
        for (String directory : path.split(java.io.File.pathSeparator)) {
            if (directory.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(directory, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static Thread copy(InputStream from, PrintStream to) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[8192];
            try (InputStream in = from) {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    to.write(buffer, 0, n);
                    to.flush();
                }
            } catch (IOException e) {
                // the AWS CLI went away; its exit code says how
            }
        }, "corelink-aws-output");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
