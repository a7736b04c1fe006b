package io.corelink.bench;

import io.corelink.testing.DevicePolicies;
import io.corelink.app.CorelinkServer;
import io.corelink.app.ServerConfig;
import io.corelink.pki.CertificateAuthority;
import io.corelink.pki.Pem;
import io.corelink.testing.MtlsClient;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.bouncycastle.asn1.x509.GeneralName;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.greengrassv2.GreengrassV2Client;
import software.amazon.awssdk.services.iot.IotClient;
import software.amazon.awssdk.services.iot.model.CreateKeysAndCertificateResponse;

/**
 * Discover on the mutual-TLS listener, in one run: requests/s over kept-alive connections next to a no-op route on
 * the same listener (an unknown path: the same TLS, HTTP and certificate check, no discovery work), and new
 * handshake + Discover per second next to a bare JDK TLS server with the same key type (RSA 2048) that only
 * handshakes and answers. Loopback only; loops bounded in count.
 *
 * <p>Usage: {@code bench/dataplane.sh [requests=20000] [handshakes=1500] [clients=4]}.
 */
public final class DataPlaneBenchmark {
    private static final String KEY = "AKIABENCHDATAPLANE01";
    private static final String SECRET = "bench-data-plane-secret-000000000000000";

    private DataPlaneBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int requests = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int handshakes = args.length > 1 ? Integer.parseInt(args[1]) : 1_500;
        int clients = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        Path dir = BenchTemp.directory("corelink-bench-dp");
        CorelinkServer server = CorelinkServer.start(ServerConfig.defaults(dir.resolve("data")).withPort(0)
                .withDataPlanePorts(List.of(0)).withAdministratorKey(KEY, SECRET), Clock.systemUTC(),
                new PrintStream(OutputStream.nullOutputStream()));
        try {
            String rootCa = Files.readString(server.dataDirectory().resolve("ca/root-ca.pem"));
            CreateKeysAndCertificateResponse sensor = setUp(server, rootCa);
            SSLContext client = clientContext(sensor, rootCa);
            int port = server.dataPlanePorts().get(0);
            String discover = "/greengrass/discover/thing/bench-sensor";
            String noOp = "/bench/no-op";

            keptAlive(client, port, discover, 2_000, clients);
            keptAlive(client, port, noOp, 2_000, clients);
            double discoverRate = keptAlive(client, port, discover, requests, clients);
            double noOpRate = keptAlive(client, port, noOp, requests, clients);
            System.out.printf("%-62s %12s %10s%n", "row", "value", "unit");
            row("Discover, kept-alive mTLS, " + clients + " clients", discoverRate, "req/s");
            row("no-op route on the same listener, kept-alive", noOpRate, "req/s");
            row("ratio Discover / no-op", discoverRate / noOpRate, "");

            try (BareTlsServer bare = BareTlsServer.start()) {
                SSLContext bareClient = clientContext(sensor, bare.caPem);
                newConnections(client, port, discover, 200, clients);
                newConnections(bareClient, bare.port(), "/", 200, clients);
                double corelink = newConnections(client, port, discover, handshakes, clients);
                double jdk = newConnections(bareClient, bare.port(), "/", handshakes, clients);
                row("new mTLS handshake + Discover, " + clients + " clients", corelink, "conn/s");
                row("bare JDK TLS server, same key type, handshake + reply", jdk, "conn/s");
                row("ratio Corelink / bare JDK", corelink / jdk, "");
            }
        } finally {
            server.close();
        }
    }

    static CreateKeysAndCertificateResponse setUp(CorelinkServer server, String rootCa) throws IOException {
        return setUp(server, rootCa, KEY, SECRET);
    }

    static CreateKeysAndCertificateResponse setUp(CorelinkServer server, String rootCa, String accessKeyId, String secret)
            throws IOException {
        return setUp(server.controlPlanePort(), server.dataPlanePorts().get(0), rootCa, accessKeyId, secret);
    }

    static CreateKeysAndCertificateResponse setUp(int controlPlanePort, int dataPlanePort, String rootCa,
                                                  String accessKeyId, String secret) throws IOException {
        URI endpoint = URI.create("http://127.0.0.1:" + controlPlanePort);
        try (IotClient iot = IotClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(() -> AwsBasicCredentials.create(accessKeyId, secret))
                .httpClient(ApacheHttpClient.create()).build();
             GreengrassV2Client greengrass = GreengrassV2Client.builder().endpointOverride(endpoint)
                     .region(Region.US_EAST_1).credentialsProvider(() -> AwsBasicCredentials.create(accessKeyId, secret))
                     .httpClient(ApacheHttpClient.create()).build()) {
            iot.createThing(r -> r.thingName("bench-core"));
            iot.createThing(r -> r.thingName("bench-sensor"));
            CreateKeysAndCertificateResponse core = iot.createKeysAndCertificate(r -> r.setAsActive(true));
            CreateKeysAndCertificateResponse sensor = iot.createKeysAndCertificate(r -> r.setAsActive(true));
            iot.attachThingPrincipal(r -> r.thingName("bench-core").principal(core.certificateArn()));
            iot.attachThingPrincipal(r -> r.thingName("bench-sensor").principal(sensor.certificateArn()));
            // The policies a real user attaches (the data plane authorizes by IoT policies by default).
            DevicePolicies.attach(iot, "bench-core-device", DevicePolicies.CORE_DEVICE, core.certificateArn());
            DevicePolicies.attach(iot, "bench-client-device", DevicePolicies.CLIENT_DEVICE, sensor.certificateArn());
            greengrass.batchAssociateClientDeviceWithCoreDevice(r -> r.coreDeviceThingName("bench-core")
                    .entries(e -> e.thingName("bench-sensor")));
            greengrass.updateConnectivityInfo(r -> r.thingName("bench-core").connectivityInfo(c -> c
                    .id("lan").hostAddress("192.168.1.20").portNumber(8883)));
            String ca = Pem.write(CertificateAuthority.create(Clock.systemUTC()).certificate());
            MtlsClient coreClient = new MtlsClient(core.certificatePem(), core.keyPair().privateKey(), rootCa,
                    dataPlanePort);
            coreClient.send("PUT", "/greengrass/v2/coreDevices/bench-core/certificateAuthorities",
                    "{\"coreDeviceCertificates\":[\"" + ca.replace("\n", "\\n") + "\"]}");
            return sensor;
        }
    }

    /** Requests per second over one kept-alive connection per client. */
    static double keptAlive(SSLContext context, int port, String path, int total, int clients)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long start = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int share = total / clients;
            futures.add(pool.submit(() -> {
                try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("localhost", port)) {
                    // As device SDKs do: without it Nagle and delayed ACKs add ~40 ms stalls to small requests.
                    socket.setTcpNoDelay(true);
                    OutputStream out = socket.getOutputStream();
                    InputStream in = new BufferedInputStream(socket.getInputStream());
                    byte[] request = ("GET " + path + " HTTP/1.1\r\nHost: localhost\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII);
                    for (int i = 0; i < share; i++) {
                        out.write(request);
                        out.flush();
                        readResponse(in);
                    }
                }
                return null;
            }));
        }
        for (Future<?> future : futures) {
            future.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        return (total / clients * clients) / seconds;
    }

    /** Connections per second, each a new handshake, one request, then close. */
    static double newConnections(SSLContext context, int port, String path, int total, int clients)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long start = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int share = total / clients;
            futures.add(pool.submit(() -> {
                for (int i = 0; i < share; i++) {
                    try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("localhost", port)) {
                    // As device SDKs do: without it Nagle and delayed ACKs add ~40 ms stalls to small requests.
                    socket.setTcpNoDelay(true);
                        OutputStream out = socket.getOutputStream();
                        out.write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                                .getBytes(StandardCharsets.US_ASCII));
                        out.flush();
                        readResponse(new BufferedInputStream(socket.getInputStream()));
                    }
                }
                return null;
            }));
        }
        for (Future<?> future : futures) {
            future.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        return (total / clients * clients) / seconds;
    }

    private static final byte[] CONTENT_LENGTH = "content-length:".getBytes(StandardCharsets.US_ASCII);

    /**
     * Reads one response and skips its body, allocating nothing: the load driver shares the JVM (and its garbage
     * collector) with the server, and a driver that allocated per response measured its own GC pauses in the p99.
     */
    static void readResponse(InputStream in) throws IOException {
        long length = 0;
        int column = 0;
        boolean lengthLine = true;
        int matched = 0;
        long value = -1;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed");
            }
            matched = (b == '\r' || b == '\n') && (matched % 2 == 0 ? b == '\r' : b == '\n') ? matched + 1 : 0;
            if (b == '\n') {
                if (value >= 0) {
                    length = value;
                }
                column = 0;
                lengthLine = true;
                value = -1;
                continue;
            }
            if (column < CONTENT_LENGTH.length) {
                lengthLine &= Character.toLowerCase(b) == CONTENT_LENGTH[column];
            } else if (lengthLine && b >= '0' && b <= '9') {
                value = (value < 0 ? 0 : value * 10) + (b - '0');
            }
            column++;
        }
        in.skipNBytes(length);
    }

    static SSLContext clientContext(CreateKeysAndCertificateResponse device, String trustedCa)
            throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        X509Certificate certificate = Pem.certificate(device.certificatePem());
        keys.setKeyEntry("device", Pem.privateKey(device.keyPair().privateKey()), "x".toCharArray(),
                new java.security.cert.Certificate[] {certificate});
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, "x".toCharArray());
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", Pem.certificate(trustedCa));
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), null);
        return context;
    }

    /** A bare JDK TLS server: RSA 2048 key, client certificate required (any accepted), a fixed small answer. */
    static final class BareTlsServer implements AutoCloseable {
        private final SSLServerSocket socket;
        private final ExecutorService workers = Executors.newFixedThreadPool(8);
        final String caPem;

        private BareTlsServer(SSLServerSocket socket, String caPem) {
            this.socket = socket;
            this.caPem = caPem;
        }

        static BareTlsServer start() throws Exception {
            CertificateAuthority ca = CertificateAuthority.create(Clock.systemUTC());
            KeyPair keys = CertificateAuthority.rsa2048();
            X509Certificate certificate = ca.issueServerCertificate(keys.getPublic(), Clock.systemUTC(),
                    List.of(new GeneralName(GeneralName.dNSName, "localhost")));
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("server", keys.getPrivate(), "x".toCharArray(),
                    new java.security.cert.Certificate[] {certificate, ca.certificate()});
            KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keyManagers.init(store, "x".toCharArray());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers.getKeyManagers(), new TrustManager[] {new AcceptAny()}, null);
            SSLServerSocket server = (SSLServerSocket) context.getServerSocketFactory().createServerSocket(0, 128,
                    InetAddress.getByName("127.0.0.1"));
            server.setNeedClientAuth(true);
            BareTlsServer bare = new BareTlsServer(server, Pem.write(ca.certificate()));
            Thread acceptor = new Thread(bare::acceptLoop, "bare-tls-acceptor");
            acceptor.setDaemon(true);
            acceptor.start();
            return bare;
        }

        int port() {
            return socket.getLocalPort();
        }

        private void acceptLoop() {
            byte[] answer = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}"
                    .getBytes(StandardCharsets.US_ASCII);
            while (!socket.isClosed()) {
                try {
                    SSLSocket connection = (SSLSocket) socket.accept();
                    workers.submit(() -> {
                        try (connection) {
                            InputStream in = connection.getInputStream();
                            int matched = 0;
                            while (matched < 4) {
                                int b = in.read();
                                if (b < 0) {
                                    return null;
                                }
                                matched = b == (matched % 2 == 0 ? '\r' : '\n') ? matched + 1 : 0;
                            }
                            connection.getOutputStream().write(answer);
                        }
                        return null;
                    });
                } catch (IOException e) {
                    return;
                }
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
            workers.shutdownNow();
        }
    }

    /** Accepts any client certificate, as Corelink's handshake does before its registry check. */
    private static final class AcceptAny implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }

    private static void row(String name, double value, String unit) {
        System.out.printf(unit.isEmpty() ? "%-62s %12.3f %10s%n" : "%-62s %12.1f %10s%n", name, value, unit);
    }
}
