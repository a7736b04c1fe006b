package io.corelink.testing;

import io.corelink.app.CorelinkServer;
import io.corelink.app.ServerConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.greengrassv2.GreengrassV2Client;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iot.IotClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * A real Corelink server in the test's JVM, on a free loopback port, with its own data directory and a known
 * administrator key; and the real AWS SDK clients pointed at it.
 */
public final class TestServer implements AutoCloseable {
    public static final String ACCESS_KEY_ID = "AKIACORELINKTEST0001";
    public static final String SECRET = "corelink-test-secret-0000000000000000000";
    public static final String REGION = "us-east-1";

    private final Path dataDir;
    private final CorelinkServer server;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private TestServer(Path dataDir, ServerConfig config, Clock clock,
                       java.util.function.Consumer<CorelinkServer> beforeListening) {
        this.dataDir = dataDir;
        this.server = CorelinkServer.start(config, clock, new PrintStream(out, true, StandardCharsets.UTF_8),
                beforeListening);
    }

    public static TestServer start() {
        return start(Clock.systemUTC());
    }

    public static TestServer start(Clock clock) {
        return start(clock, java.util.function.UnaryOperator.identity());
    }

    /** A server whose test configuration {@code configure} adjusts (a mode, an option). */
    public static TestServer start(Clock clock, java.util.function.UnaryOperator<ServerConfig> configure) {
        return start(clock, configure, started -> { });
    }

    /** As {@link #start(Clock, java.util.function.UnaryOperator)}, running {@code beforeListening} as {@code --init}. */
    public static TestServer start(Clock clock, java.util.function.UnaryOperator<ServerConfig> configure,
                                   java.util.function.Consumer<CorelinkServer> beforeListening) {
        try {
            Path dir = Files.createTempDirectory("corelink-test");
            ServerConfig config = configure.apply(ServerConfig.defaults(dir.resolve("data")).withPort(0)
                    .withDataPlanePorts(List.of(0)).withAdministratorKey(ACCESS_KEY_ID, SECRET));
            return new TestServer(dir, config, clock, beforeListening);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The control plane's URL: {@code https://} when the server was configured so. */
    public URI endpoint() {
        return server.controlPlaneUri();
    }

    /** The server itself, for what this wrapper does not cover. */
    public CorelinkServer server() {
        return server;
    }

    public int dataPlanePort() {
        return server.dataPlanePorts().get(0);
    }

    /** The root CA certificate data-plane clients trust. */
    public Path rootCaFile() {
        return server.dataDirectory().resolve("ca/root-ca.pem");
    }

    public int port() {
        return server.controlPlanePort();
    }

    /** The SQLite file of this server's store. */
    public Path databaseFile() {
        return server.dataDirectory().resolve("corelink.db");
    }

    public String printed() {
        return out.toString(StandardCharsets.UTF_8);
    }

    public IotClient iot() {
        return iot(ACCESS_KEY_ID, SECRET);
    }

    public IotClient iot(String accessKeyId, String secret) {
        return client(IotClient.builder(), Region.of(REGION), accessKeyId, secret);
    }

    public GreengrassV2Client greengrass() {
        return greengrass(ACCESS_KEY_ID, SECRET);
    }

    public GreengrassV2Client greengrass(String accessKeyId, String secret) {
        return client(GreengrassV2Client.builder(), Region.of(REGION), accessKeyId, secret);
    }

    /** The administrator's (the account root's) IAM client. */
    public IamClient iam() {
        return iam(ACCESS_KEY_ID, SECRET);
    }

    public IamClient iam(String accessKeyId, String secret) {
        return client(IamClient.builder(), Region.AWS_GLOBAL, accessKeyId, secret);
    }

    public StsClient sts(String accessKeyId, String secret) {
        return client(StsClient.builder(), Region.of(REGION), accessKeyId, secret);
    }

    /** An SDK client of this server, signing with the given key, over the Apache HTTP client. */
    private <B extends software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder<B, C>
            & software.amazon.awssdk.awscore.client.builder.AwsClientBuilder<B, C>, C> C client(B builder,
            Region region, String accessKeyId, String secret) {
        return builder.endpointOverride(endpoint())
                .region(region)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, secret)))
                .httpClient(sdkHttpClient(rootCaFile()))
                .build();
    }

    /** An SDK HTTP client that also trusts the CA certificates of {@code caFile} (for an HTTPS control plane). */
    public static software.amazon.awssdk.http.SdkHttpClient sdkHttpClient(Path caFile) {
        if (!Files.exists(caFile)) {
            return ApacheHttpClient.create();
        }
        return ApacheHttpClient.builder().tlsTrustManagersProvider(() -> trustManagers(caFile)).build();
    }

    private static javax.net.ssl.TrustManager[] trustManagers(Path caFile) {
        try {
            java.security.KeyStore store = java.security.KeyStore.getInstance("PKCS12");
            store.load(null, null);
            int alias = 0;
            for (java.security.cert.X509Certificate ca : io.corelink.pki.Pem.certificates(Files.readString(caFile))) {
                store.setCertificateEntry("ca-" + alias++, ca);
            }
            javax.net.ssl.TrustManagerFactory factory = javax.net.ssl.TrustManagerFactory.getInstance(
                    javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            return factory.getTrustManagers();
        } catch (IOException | java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public RawClient raw() {
        return raw(ACCESS_KEY_ID, SECRET);
    }

    public RawClient raw(String accessKeyId, String secret) {
        return new RawClient(endpoint(), accessKeyId, secret, REGION);
    }

    @Override
    public void close() {
        server.close();
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temp directory is harmless
        }
    }
}
