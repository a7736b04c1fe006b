package io.corelink.app;

import org.jspecify.annotations.Nullable;
import io.corelink.api.ControlPlaneRoutes;
import io.corelink.api.iam.IamAuthorization;
import io.corelink.api.iam.IamRoutes;
import io.corelink.service.CallerIdentities;
import io.corelink.service.IamService;
import io.corelink.service.ResourceTags;
import io.corelink.api.health.HealthHandler;
import io.corelink.pki.CertificateAuthority;
import io.corelink.service.AssociationService;
import io.corelink.service.CertificateService;
import io.corelink.service.CoreDeviceService;
import io.corelink.service.DiscoveryDiagnosisService;
import io.corelink.service.IotPolicyService;
import io.corelink.service.PrincipalService;
import io.corelink.service.ThingService;
import io.corelink.api.audit.AuditTrail;
import io.corelink.api.events.WebhookDelivery;
import io.corelink.service.AuditLog;
import io.corelink.service.ChangeEvents;
import io.corelink.store.Store;
import io.corelink.store.StoreUnavailableException;
import io.corelink.store.jdbc.PostgresStore;
import io.corelink.store.jdbc.SqliteStore;
import io.corelink.wire.http.AwsShapedErrorHandler;
import io.corelink.wire.paging.PageTokens;
import io.corelink.wire.pipeline.AccessLog;
import io.corelink.wire.pipeline.RequestMetrics;
import io.corelink.wire.pipeline.FaultInjection;
import io.corelink.wire.pipeline.RateLimiting;
import io.corelink.wire.pipeline.ControlPlane;
import io.corelink.wire.pipeline.RequestPipeline;
import io.corelink.wire.pipeline.Stage;
import io.corelink.wire.sigv4.SigV4Verifier;
import java.io.IOException;
import java.io.PrintStream;
import java.net.BindException;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.util.Base64;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.HttpConfiguration;
import io.corelink.api.dataplane.DataPlane;
import io.corelink.api.dataplane.IotPolicyAuthorization;
import io.corelink.service.CoreSideService;
import io.corelink.service.DataPlaneCallers;
import io.corelink.service.DiscoveryService;
import io.corelink.wire.tls.ControlPlaneTls;
import io.corelink.wire.tls.DataPlaneTls;
import io.corelink.wire.tls.RegistryClientTrustManager;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: binds the listeners first (so that a port in use leaves the data directory untouched), then
 * opens and locks the data directory, opens the store, bootstraps the shared state and starts serving.
 * {@link #close()} stops accepting, lets in-flight requests finish (at most {@link #STOP_TIMEOUT_MS}), then closes
 * the store and releases the data directory.
 */
public final class CorelinkServer implements AutoCloseable {
    static final long STOP_TIMEOUT_MS = 5_000;
    static final int PLANE_THREADS = 128;
    static final int MAX_CONTROL_CONNECTIONS = 1_024;
    static final int MAX_DATA_CONNECTIONS = 8_192;
    static final String DATABASE_FILE = "corelink.db";
    static final String PAGE_TOKEN_KEY = "page-token-key";
    private static final Logger LOG = LoggerFactory.getLogger(CorelinkServer.class);

    private final Server jetty;
    private final ServerConnector controlPlane;
    private final boolean controlPlaneTls;
    private final List<ServerConnector> dataPlane;
    private final @Nullable ServerConnector metricsListener;
    private final DataDirectory dataDir;
    private final Store store;
    private volatile @Nullable AuditLog audit;
    private volatile @Nullable ChangeEvents events;
    private volatile @Nullable WebhookDelivery webhooks;
    private final NodeMetrics metrics;
    private volatile boolean accepting;

    private CorelinkServer(Server jetty, ServerConnector controlPlane, boolean controlPlaneTls,
                           List<ServerConnector> dataPlane, @Nullable ServerConnector metricsListener,
                           NodeMetrics metrics, DataDirectory dataDir, Store store) {
        this.jetty = jetty;
        this.metrics = metrics;
        this.controlPlane = controlPlane;
        this.controlPlaneTls = controlPlaneTls;
        this.dataPlane = dataPlane;
        this.metricsListener = metricsListener;
        this.dataDir = dataDir;
        this.store = store;
    }

    /**
     * Starts a server and prints its "listening on" lines to {@code out}.
     *
     * @throws StartupException naming the problem, with everything opened so far closed again
     */
    public static CorelinkServer start(ServerConfig config, Clock clock, PrintStream out) {
        return start(config, clock, out, server -> { });
    }

    /**
     * As {@link #start(ServerConfig, Clock, PrintStream)}, running {@code beforeListening} once the server answers
     * and before its "listening on" lines, which scripts wait for ({@code serve --init} applies its fixture there).
     * A {@link StartupException} from it fails the start.
     */
    public static CorelinkServer start(ServerConfig config, Clock clock, PrintStream out,
                                       java.util.function.Consumer<CorelinkServer> beforeListening) {
        long started = System.nanoTime();
        CompletableFuture<KeyPair> preparedKeys = DataPlaneCertificate.prepareKeys(config.dataDir());
        Server jetty = new Server(threadPool("corelink", 16));
        jetty.setStopTimeout(STOP_TIMEOUT_MS);
        jetty.setErrorHandler(new AwsShapedErrorHandler());
        // Each plane has its own threads: clients of one (slow, many or hostile) cannot starve the other.
        QueuedThreadPool controlThreads = threadPool("corelink-control", PLANE_THREADS);
        QueuedThreadPool dataThreads = threadPool("corelink-data", PLANE_THREADS);
        jetty.addBean(controlThreads);
        jetty.addBean(dataThreads);
        ServerConfig.Listeners listeners = config.listeners();
        // Read before anything is bound or opened: a certificate file that is wrong fails the start at once.
        ControlPlaneTls.Identity givenIdentity = listeners.tlsCertificateFile() == null ? null
                : ControlPlaneIdentity.read(java.util.Objects.requireNonNull(listeners.tlsCertificateFile()),
                        java.util.Objects.requireNonNull(listeners.tlsKeyFile()), clock);
        SslContextFactory.Server controlTls = listeners.controlPlaneTls() ? ControlPlaneTls.newContextFactory() : null;
        ServerConnector controlPlane = controlTls == null
                ? new ServerConnector(jetty, controlThreads, null, null, -1, -1,
                        new HttpConnectionFactory(httpConfiguration()))
                : new ServerConnector(jetty, controlThreads, null, null, -1, -1,
                        new SslConnectionFactory(controlTls, "http/1.1"),
                        new HttpConnectionFactory(httpsConfiguration()));
        controlPlane.setHost(config.host());
        controlPlane.setPort(config.port());
        jetty.addConnector(controlPlane);
        ServerConnector metricsListener = null;
        if (listeners.metricsPort() != null) {
            metricsListener = new ServerConnector(jetty, controlThreads, null, null, -1, -1,
                    new HttpConnectionFactory(httpConfiguration()));
            metricsListener.setHost(config.host());
            metricsListener.setPort(listeners.metricsPort());
            jetty.addConnector(metricsListener);
        }
        SslContextFactory.Server tls = DataPlaneTls.newContextFactory();
        NodeMetrics metrics = new NodeMetrics();
        io.corelink.wire.tls.HandshakeMetrics handshakes = config.recording().metrics() ? metrics.handshakes() : null;
        List<ServerConnector> dataPlane = new ArrayList<>();
        for (int port : config.dataPlanePorts()) {
            ServerConnector connector = new ServerConnector(jetty, dataThreads, null, null, -1, -1,
                    new SslConnectionFactory(tls, "http/1.1"),
                    new HttpConnectionFactory(httpsConfiguration()));
            connector.setHost(config.host());
            connector.setPort(port);
            if (handshakes != null) {
                connector.addBean(handshakes); // the TLS connections of this listener report to it
            }
            jetty.addConnector(connector);
            dataPlane.add(connector);
        }
        // Past these many open connections a plane stops accepting until some close (the kernel queues the rest).
        jetty.addBean(new NetworkConnectionLimit(MAX_CONTROL_CONNECTIONS, controlPlane));
        if (!dataPlane.isEmpty()) {
            jetty.addBean(new NetworkConnectionLimit(MAX_DATA_CONNECTIONS, dataPlane.toArray(new ServerConnector[0])));
        }
        try {
            bind(controlPlane, config);
            for (ServerConnector connector : dataPlane) {
                bind(connector, config);
            }
            if (metricsListener != null) {
                bind(metricsListener, config);
            }
        } catch (StartupException e) {
            controlPlane.close();
            dataPlane.forEach(ServerConnector::close);
            if (metricsListener != null) {
                metricsListener.close();
            }
            metrics.close();
            throw e;
        }
        DataDirectory dataDir = null;
        Store store = null;
        CorelinkServer opened = null;
        try {
            // A shared database is opened before the data directory is touched: if it cannot be reached, start-up
            // fails leaving the data directory as it was.
            if (isPostgres(config)) {
                store = openPostgres(config);
            }
            dataDir = DataDirectory.open(config.dataDir());
            if (store == null) {
                store = openStore(config, dataDir);
            }
            long storeOpen = System.nanoTime();
            if (config.recording().metrics()) {
                metrics.observe(store);
            }
            AdministratorKey.ensure(config, store, dataDir, clock, out);
            CorelinkServer server = new CorelinkServer(jetty, controlPlane, controlTls != null, dataPlane,
                    metricsListener, metrics, dataDir, store);
            opened = server;
            CertificateAuthority authority = RootCertificateAuthority.ensure(store, dataDir, clock);
            DataPlaneCallers callers = new DataPlaneCallers(store, clock,
                    config.dataPlaneAuthorization() == DataPlaneAuthorization.IOT_POLICY);
            long authorityReady = System.nanoTime();
            DataPlaneCertificate.Issued serverCertificate = DataPlaneCertificate.ensure(authority, config, dataDir,
                    clock, preparedKeys);
            long certificateIssued = System.nanoTime();
            DataPlaneTls.install(tls, serverCertificate.keys().getPrivate(), serverCertificate.chain(),
                    new RegistryClientTrustManager(id -> isActiveOrUnknowable(callers, id)));
            if (controlTls != null) {
                // Without files, the data-plane certificate: issued by the root CA clients already trust, for the
                // names they already reach this node by.
                ControlPlaneTls.install(controlTls, givenIdentity != null ? givenIdentity : new ControlPlaneTls.Identity(
                        serverCertificate.keys().getPrivate(), serverCertificate.chain()));
            }
            CallerIdentities identities = new CallerIdentities(store, config.account(), clock);
            // route → authenticate (the plane) → authorize → limit → run → render → record
            RateLimiting limits = new RateLimiting(config.rateLimits(), store.sharedBuckets()
                    .<RateLimiting.BucketSource>map(buckets -> buckets::bucket).orElse(null));
            List<Stage> controlStages = new ArrayList<>(List.of(new IamAuthorization(identities,
                    new ResourceTags(store, config.account(), clock), clock)));
            List<Stage> dataStages = new ArrayList<>();
            if (config.dataPlaneAuthorization() == DataPlaneAuthorization.IOT_POLICY) {
                dataStages.add(new IotPolicyAuthorization(callers, clock));
            }
            if (!limits.isEmpty()) {
                controlStages.add(limits);
                dataStages.add(limits);
            }
            FaultInjection faults = config.faultInjection() ? new FaultInjection() : null;
            if (faults != null) {
                controlStages.add(faults);
                dataStages.add(faults);
            }
            ServerConfig.Recording recording = config.recording();
            AuditLog audit = recording.auditRetentionDays() == 0 ? null
                    : new AuditLog(store, clock, recording.auditRetentionDays());
            server.audit = audit;
            store.recordChangeEvents(recording.eventRetentionDays() > 0);
            ChangeEvents events = recording.eventRetentionDays() == 0 ? null
                    : new ChangeEvents(store, clock, recording.eventRetentionDays());
            server.events = events;
            if (events != null && !recording.eventWebhooks().isEmpty()) {
                WebhookDelivery delivery = new WebhookDelivery(events, config.account(),
                        WebhookSecret.ensure(store, dataDir), recording.eventWebhooks(), nodeName(dataDir));
                server.webhooks = delivery;
                if (recording.metrics()) {
                    metrics.eventsPending(delivery::pending);
                }
            } else if (recording.metrics()) {
                metrics.eventsPending(() -> 0);
            }
            if (audit != null) {
                controlStages.add(new AuditTrail(audit, config.account(), identities, clock));
                dataStages.add(new AuditTrail(audit, config.account(), null, clock));
            }
            if (recording.metrics()) {
                RequestMetrics requestMetrics = new RequestMetrics(metrics.registry());
                controlStages.add(requestMetrics);
                dataStages.add(requestMetrics);
            }
            AccessLog accessLog = new AccessLog(io.corelink.app.logging.LogConfiguration.jsonInUse());
            controlStages.add(accessLog);
            dataStages.add(accessLog);
            Handler control = new RequestPipeline(server.newControlPlane(config, authority, identities, faults,
                    audit, events, clock), controlStages);
            Handler data = new RequestPipeline(new DataPlane(callers, new DiscoveryService(store, clock),
                    new CoreSideService(store, clock, callers,
                            config.dataPlaneAuthorization() == DataPlaneAuthorization.CERTIFICATE),
                    config.account(), clock), dataStages);
            data.setServer(jetty);
            MetricsListener openMetrics = new MetricsListener(metrics::scrape);
            openMetrics.setServer(jetty);
            ConsoleAssets console = new ConsoleAssets(config.account().region());
            console.setServer(jetty);
            jetty.setHandler(new GracefulHandler(new ListenerDispatch(controlPlane, control, console, data,
                    metricsListener, openMetrics)));
            jetty.start();
            server.accepting = true;
            // Before the listening lines: a script that waits for them has the warning in the log already.
            if (controlTls == null && !isLoopback(config.host())) {
                LOG.warn("the control plane is plain HTTP on {}, which is not a loopback address: what callers send "
                        + "and receive, private keys from CreateKeysAndCertificate among it, crosses the network "
                        + "unencrypted; serve it with --control-plane-tls", config.host());
            }
            beforeListening.accept(server);
            out.println("corelink: control plane listening on " + (controlTls == null ? "http" : "https") + "://"
                    + hostForUrl(config.host()) + ":" + controlPlane.getLocalPort());
            for (ServerConnector connector : dataPlane) {
                out.println("corelink: data plane listening on https://" + hostForUrl(config.host()) + ":"
                        + connector.getLocalPort());
            }
            if (metricsListener != null) {
                out.println("corelink: metrics listening on http://" + hostForUrl(config.host()) + ":"
                        + metricsListener.getLocalPort() + MetricsListener.PATH);
            }
            out.flush();
            LOG.info("serving with {}; ready in {} ms (store {} ms, CA {} ms, server certificate {} ms)", config,
                    millisSince(started), (storeOpen - started) / 1_000_000, (authorityReady - storeOpen) / 1_000_000,
                    (certificateIssued - authorityReady) / 1_000_000);
            return server;
        } catch (StartupException e) {
            if (opened != null) {
                opened.stopRecording();
            }
            closeQuietly(jetty, store, dataDir);
            metrics.close();
            throw e;
        } catch (Exception e) {
            if (opened != null) {
                opened.stopRecording();
            }
            closeQuietly(jetty, store, dataDir);
            metrics.close();
            throw new StartupException("cannot start: " + e.getClass().getSimpleName(), e);
        }
    }

    /**
     * The handshake's registry check. While the store cannot be reached, the handshake goes through and the request
     * decides (it asks again, and gets the service's retryable answer): a device then sees a 503 it retries, not a
     * handshake failure it reports as a bad certificate.
     */
    private static boolean isActiveOrUnknowable(DataPlaneCallers callers,
                                                 io.corelink.domain.certificate.CertificateId id) {
        try {
            return callers.authenticate(id).isPresent();
        } catch (StoreUnavailableException e) {
            return true;
        }
    }

    /** Sends each request to the handler of the listener it arrived on. */
    private static final class ListenerDispatch extends Handler.Wrapper {
        private final ServerConnector controlPlane;
        private final Handler console;
        private final Handler data;
        private final @Nullable ServerConnector metricsListener;
        private final Handler metrics;

        ListenerDispatch(ServerConnector controlPlane, Handler control, Handler console, Handler data,
                         @Nullable ServerConnector metricsListener, Handler metrics) {
            super(control);
            this.controlPlane = controlPlane;
            this.console = console;
            addBean(console);
            this.data = data;
            this.metricsListener = metricsListener;
            this.metrics = metrics;
            addBean(data);
            addBean(metrics);
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            org.eclipse.jetty.server.Connector connector = request.getConnectionMetaData().getConnector();
            if (connector == controlPlane) {
                // The console's files are static and unsigned; everything else is the API's pipeline.
                return ConsoleAssets.owns(request.getHttpURI().getPath()) ? console.handle(request, response, callback)
                        : super.handle(request, response, callback);
            }
            if (connector == metricsListener) {
                return metrics.handle(request, response, callback);
            }
            return data.handle(request, response, callback);
        }
    }

    /** Whether an address to bind is loopback only (a name counts when it is {@code localhost}). */
    static boolean isLoopback(String host) {
        java.net.InetAddress address = addressLiteral(host);
        return address != null ? address.isLoopbackAddress() : "localhost".equalsIgnoreCase(host);
    }

    /**
     * The address a host option spells as an IPv4 or IPv6 literal (in brackets or not), parsed, never looked up; null
     * for a name or something that does not parse.
     */
    private static java.net.@Nullable InetAddress addressLiteral(String host) {
        String literal = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (!literal.contains(":") && !literal.matches("[0-9.]+")) {
            return null;
        }
        try {
            return java.net.InetAddress.getByName(literal);
        } catch (java.net.UnknownHostException e) {
            return null;
        }
    }

    private ControlPlane newControlPlane(ServerConfig config, CertificateAuthority authority,
                                         CallerIdentities identities, @Nullable FaultInjection faults,
                                         @Nullable AuditLog audit, @Nullable ChangeEvents events,
                                         Clock clock) {
        // Read first: only the first start of a deployment writes (and waits for an fsync).
        String storedKey = store.read(tx -> tx.settings().find(PAGE_TOKEN_KEY)).orElseGet(() -> store.write(tx ->
                tx.settings().putIfAbsent(PAGE_TOKEN_KEY, Base64.getEncoder().encodeToString(PageTokens.newKey()))));
        byte[] tokenKey = Base64.getDecoder().decode(storedKey);
        ThingService things = new ThingService(store, config.account(), clock);
        SigV4Verifier verifier = new SigV4Verifier(new CachedCredentials(identities), config.account().region(),
                clock);
        PageTokens tokens = new PageTokens(tokenKey);
        ControlPlaneRoutes.Services services = new ControlPlaneRoutes.Services(things,
                new AssociationService(store, clock),
                new CertificateService(store, config.account(), authority, clock),
                new PrincipalService(store, config.account(), clock),
                new CoreDeviceService(store, config.account(), clock),
                new DiscoveryDiagnosisService(store, config.account(), clock,
                        config.dataPlaneAuthorization() == DataPlaneAuthorization.IOT_POLICY),
                new IotPolicyService(store, config.account(), clock),
                tokens, config.account(), faults, audit, events, dataEndpointHost(config), metrics::scrape);
        HealthHandler health = new HealthHandler(new HealthProbe(store, () -> accepting && jetty.isStarted()));
        IamService iam = new IamService(store, config.account(), clock, identities);
        return new ControlPlane(ControlPlaneRoutes.router(services),
                IamRoutes.router(config.account(), iam, identities, tokens), verifier,
                Map.of("GET /_corelink/health", health, "GET /_corelink/ready", health));
    }

    /**
     * What DescribeEndpoint answers: the first {@code --data-plane-host}, else {@code --host} unless that is a
     * wildcard address (null: the caller's {@code Host} then tells).
     */
    static @Nullable String dataEndpointHost(ServerConfig config) {
        if (!config.dataPlaneHosts().isEmpty()) {
            return config.dataPlaneHosts().get(0);
        }
        String host = config.host();
        java.net.InetAddress address = addressLiteral(host);
        if (address == null) {
            return host;
        }
        if (address.isAnyLocalAddress()) {
            return null;
        }
        String literal = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        return literal.contains(":") ? "[" + literal + "]" : literal;
    }

    private static Store openStore(ServerConfig config, DataDirectory dataDir) {
        String url = config.databaseUrl();
        try {
            if (url == null) {
                return SqliteStore.open(dataDir.resolve(DATABASE_FILE), false, config.storeTimeout());
            }
            if (url.startsWith("jdbc:sqlite:")) {
                return SqliteStore.open(Path.of(url.substring("jdbc:sqlite:".length())), false,
                        config.storeTimeout());
            }
        } catch (StoreUnavailableException e) {
            throw new StartupException(e.getMessage(), e);
        }
        throw new StartupException("--database-url must be a jdbc:sqlite: or jdbc:postgresql: URL");
    }

    /** A name for this node that stays the same across its restarts: its host and data directory (which it locks). */
    private static String nodeName(DataDirectory dataDir) {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            host = "localhost";
        }
        return java.util.UUID.nameUUIDFromBytes((host + "\n" + dataDir.path().toAbsolutePath())
                .getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
    }

    static boolean isPostgres(ServerConfig config) {
        return config.databaseUrl() != null && config.databaseUrl().startsWith("jdbc:postgresql:");
    }

    static Store openPostgres(ServerConfig config) {
        try {
            return PostgresStore.open(java.util.Objects.requireNonNull(config.databaseUrl()), config.databaseUser(),
                    config.databasePassword(), false, config.storeTimeout());
        } catch (StoreUnavailableException e) {
            throw new StartupException(e.getMessage());
        }
    }

    private static void bind(ServerConnector connector, ServerConfig config) {
        try {
            connector.open();
        } catch (IOException e) {
            if (e instanceof BindException || e.getCause() instanceof BindException) {
                throw new StartupException("cannot listen on " + config.host() + ":" + connector.getPort()
                        + ": the address is in use or not available");
            }
            throw new StartupException("cannot listen on " + config.host() + ":" + connector.getPort() + ": "
                    + e.getClass().getSimpleName());
        }
    }

    private static QueuedThreadPool threadPool(String name, int maxThreads) {
        QueuedThreadPool pool = new QueuedThreadPool(maxThreads, Math.min(8, maxThreads));
        pool.setName(name);
        // Platform threads, also where the JVM has virtual ones: Jetty would run blocking handlers on the JVM's one
        // shared, unbounded virtual-thread executor, and the per-plane bound would no longer hold.
        return pool;
    }

    private static HttpConfiguration httpConfiguration() {
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendDateHeader(true);
        // Path labels may carry %2F and %25 (any byte but the unreserved ones is encoded by AWS clients).
        http.setUriCompliance(UriCompliance.from("DEFAULT,AMBIGUOUS_PATH_SEPARATOR,AMBIGUOUS_PATH_ENCODING"));
        return http;
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }

    private static HttpConfiguration httpsConfiguration() {
        HttpConfiguration https = httpConfiguration();
        SecureRequestCustomizer secure = new SecureRequestCustomizer();
        // Clients connect by IP address or by any name; the certificate, not the host header, identifies them.
        secure.setSniHostCheck(false);
        secure.setSniRequired(false);
        https.addCustomizer(secure);
        return https;
    }

    private static String hostForUrl(String host) {
        return host.contains(":") ? "[" + host + "]" : host;
    }

    /** The ports the data plane is bound to, in the order they were asked for. */
    public List<Integer> dataPlanePorts() {
        return dataPlane.stream().map(ServerConnector::getLocalPort).toList();
    }

    /** The control plane's base URL on the loopback address, {@code https://} when it is served over TLS. */
    public java.net.URI controlPlaneUri() {
        return java.net.URI.create((controlPlaneTls ? "https" : "http") + "://127.0.0.1:" + controlPlanePort());
    }

    /** The port {@code --metrics-port} is bound to, or -1 without it. */
    public int metricsPort() {
        ServerConnector listener = metricsListener;
        return listener == null ? -1 : listener.getLocalPort();
    }

    /** The port the control plane is bound to (useful when 0 was asked for). */
    public int controlPlanePort() {
        return controlPlane.getLocalPort();
    }

    public Path dataDirectory() {
        return dataDir.path();
    }

    /** Requests being handled now on every listener; the graceful stop waits for them. */
    long requestsInProgress() {
        return jetty.getHandler() instanceof GracefulHandler graceful ? graceful.getCurrentRequestCount() : 0;
    }

    @Override
    public void close() {
        accepting = false;
        ChangeEvents stream = events;
        if (stream != null) {
            stream.close(); // ends the event streams and long polls first: the graceful stop would wait for them
        }
        try {
            jetty.stop();
        } catch (Exception e) {
            LOG.warn("stopping the listeners failed: {}", e.getClass().getSimpleName());
        }
        stopRecording();
        metrics.close();
        closeQuietly(jetty, store, dataDir);
    }

    /** Stops the webhooks, the event watcher and the audit log's writer (which writes what is queued first). */
    private void stopRecording() {
        WebhookDelivery delivery = webhooks;
        if (delivery != null) {
            delivery.close();
        }
        ChangeEvents stream = events;
        if (stream != null) {
            stream.close();
        }
        AuditLog log = audit;
        if (log != null) {
            log.close(); // writes the records of refused requests still queued, while the store is open
        }
    }

    private static void closeQuietly(Server jetty, @Nullable Store store, @Nullable DataDirectory dataDir) {
        try {
            jetty.stop();
        } catch (Exception e) {
            LOG.warn("stopping the listeners failed: {}", e.getClass().getSimpleName());
        }
        // A server that never started keeps the sockets its connectors opened (stop() does nothing to them).
        for (org.eclipse.jetty.server.Connector connector : jetty.getConnectors()) {
            if (connector instanceof ServerConnector bound) {
                bound.close();
            }
        }
        if (store != null) {
            store.close();
        }
        if (dataDir != null) {
            dataDir.close();
        }
    }
}
