package io.corelink.app;

import io.corelink.fleet.ControlPlaneClient;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import picocli.CommandLine.Option;

/**
 * The options every administrative command shares to talk to a running server (server.md, "The CLI"): endpoint,
 * region, and credentials from {@code CORELINK_ACCESS_KEY_ID}/{@code CORELINK_SECRET_ACCESS_KEY}, else from the data
 * directory's {@code admin-credentials}. Requests are SigV4-signed like an AWS SDK's.
 */
final class ServerConnection {
    @Option(names = "--endpoint", paramLabel = "URL", defaultValue = "${env:CORELINK_ENDPOINT:-http://127.0.0.1:8080}",
            description = {"Control-plane URL of the server.", "Default: ${DEFAULT-VALUE}; env CORELINK_ENDPOINT."})
    String endpoint;

    @Option(names = "--region", paramLabel = "R", defaultValue = "${env:CORELINK_REGION:-"
            + ServerConfig.DEFAULT_REGION + "}", description = {"Region of the server.",
                "Default: ${DEFAULT-VALUE}; env CORELINK_REGION."})
    String region;

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "${env:CORELINK_DATA_DIR:-"
            + ServerConfig.DEFAULT_DATA_DIR + "}", description = {"Where admin-credentials is.",
                "Default: ${DEFAULT-VALUE}; env CORELINK_DATA_DIR."})
    Path dataDir;

    @Option(names = "--ca-bundle", paramLabel = "FILE", defaultValue = "${env:CORELINK_CA_BUNDLE:-}",
            description = {"PEM CA certificates to trust over https:// besides the",
                "JDK's and the data directory's root CA. Env CORELINK_CA_BUNDLE."})
    String caBundle;

    /** The {@code --ca-bundle} file, or null. */
    @org.jspecify.annotations.Nullable Path caBundle() {
        return caBundle == null || caBundle.isBlank() ? null : Path.of(caBundle.strip());
    }

    /** The server's answer. */
    record Answer(int status, String errorType, String body) {
    }

    private @org.jspecify.annotations.Nullable ControlPlaneClient client;

    /** @throws StartupException when there are no credentials or the server cannot be reached */
    Answer get(String service, String rawPath) {
        return send("GET", service, rawPath, new byte[0]);
    }

    /**
     * A signed request with a JSON body (none when empty), retried as the AWS SDKs retry.
     *
     * @throws StartupException when there are no credentials or the server cannot be reached
     */
    Answer send(String method, String service, String rawPath, byte[] body) {
        try {
            ControlPlaneClient.Answer answer = client().send(method, service, rawPath, body, Map.of());
            return new Answer(answer.status(), answer.errorType(), answer.body());
        } catch (IOException e) {
            throw new StartupException("cannot reach " + endpointUri() + ": " + unreachable(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StartupException("interrupted");
        }
    }

    /**
     * The one client of this connection: its connections are kept and shared by every caller.
     *
     * @throws StartupException when there are no credentials or {@code --endpoint} is not a URL
     */
    synchronized ControlPlaneClient client() {
        if (client == null) {
            URI base = endpointUri();
            String[] credentials = credentials();
            client = new ControlPlaneClient(base, region, credentials[0], credentials[1],
                    "https".equals(base.getScheme()) ? TrustBundle.context(
                            dataDir.resolve(RootCertificateAuthority.CERTIFICATE_FILE), caBundle()) : null);
        }
        return client;
    }

    /** @throws StartupException when {@code --endpoint} is not an http(s) URL with a host */
    URI endpointUri() {
        String hint = "--endpoint must be a URL such as http://127.0.0.1:8080, not '" + endpoint + "'";
        try {
            URI uri = new URI(endpoint);
            if (uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
                throw new StartupException(hint);
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new StartupException(hint);
        }
    }

    private static String unreachable(IOException e) {
        if (e instanceof java.net.ConnectException) {
            return "connection refused; is 'corelink serve' running there?";
        }
        if (e instanceof java.net.http.HttpTimeoutException) {
            return "no answer in time";
        }
        if (e instanceof java.net.UnknownHostException || e.getCause() instanceof java.net.UnknownHostException) {
            return "the host name does not resolve";
        }
        if (e instanceof javax.net.ssl.SSLException || e.getCause() instanceof javax.net.ssl.SSLException) {
            return "the TLS handshake failed (is the server's CA in --ca-bundle or the data directory?)";
        }
        return "the connection failed";
    }

    /** {access key id, secret}. @throws StartupException when there are none */
    String[] credentials() {
        String id = System.getenv("CORELINK_ACCESS_KEY_ID");
        String secret = System.getenv("CORELINK_SECRET_ACCESS_KEY");
        if (id != null && !id.isBlank() && secret != null && !secret.isBlank()) {
            return new String[] {id, secret};
        }
        Path file = dataDir.resolve(AdministratorKey.CREDENTIALS_FILE);
        try (Reader reader = Files.newBufferedReader(file)) {
            Properties properties = new Properties();
            properties.load(reader);
            String fileId = properties.getProperty("aws_access_key_id");
            String fileSecret = properties.getProperty("aws_secret_access_key");
            if (fileId == null || fileSecret == null) {
                throw new StartupException(file + " has no aws_access_key_id and aws_secret_access_key");
            }
            return new String[] {fileId.strip(), fileSecret.strip()};
        } catch (IOException e) {
            throw new StartupException("no credentials: set CORELINK_ACCESS_KEY_ID and CORELINK_SECRET_ACCESS_KEY, "
                    + "or point --data-dir at a directory with admin-credentials");
        }
    }
}
