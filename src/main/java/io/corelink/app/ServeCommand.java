package io.corelink.app;

import io.corelink.wire.pipeline.RateLimit;
import io.corelink.domain.Account;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import sun.misc.Signal;

/**
 * {@code corelink serve}: every option of {@code server.md}, each also read from {@code CORELINK_<OPTION>} (a flag
 * wins). Serves until SIGTERM or SIGINT, then shuts down gracefully and exits 0. A value out of its range is a usage
 * error (exit 2), like a value that does not parse.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Serve the control plane (AWS REST-JSON + SigV4) and the data plane.")
final class ServeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    StoreOptions.Any store;

    @Mixin
    DatabaseCredentials database;

    @Option(names = "--host", paramLabel = "ADDR", defaultValue = "${env:CORELINK_HOST:-" + ServerConfig.DEFAULT_HOST
            + "}", description = {"Address every listener binds.", "Default: ${DEFAULT-VALUE}; env CORELINK_HOST."})
    String host;

    @Option(names = "--port", paramLabel = "N", defaultValue = "${env:CORELINK_PORT:-" + ServerConfig.DEFAULT_PORT
            + "}", description = {"Control-plane port; 0 picks a free one.",
                "Default: ${DEFAULT-VALUE}; env CORELINK_PORT."})
    int port;

    @Option(names = "--data-plane-port", paramLabel = "N", split = ",",
            defaultValue = "${env:CORELINK_DATA_PLANE_PORT:-" + ServerConfig.DEFAULT_DATA_PLANE_PORT + "}",
            description = {"Mutual-TLS data-plane port; repeatable; 0 picks a free one.",
                "Default: ${DEFAULT-VALUE}; env CORELINK_DATA_PLANE_PORT."})
    List<Integer> dataPlanePorts;

    @Option(names = "--data-plane-host", paramLabel = "NAME", split = ",",
            defaultValue = "${env:CORELINK_DATA_PLANE_HOST:-}",
            description = {"Extra DNS name for the data-plane server certificate; repeatable.",
                "Env CORELINK_DATA_PLANE_HOST."})
    List<String> dataPlaneHosts;

    @Option(names = "--region", paramLabel = "R", defaultValue = "${env:CORELINK_REGION:-"
            + ServerConfig.DEFAULT_REGION + "}", description = {"Region in ARNs and SigV4 credential scopes.",
                "Default: ${DEFAULT-VALUE}; env CORELINK_REGION."})
    String region;

    @Option(names = "--account-id", paramLabel = "A", defaultValue = "${env:CORELINK_ACCOUNT_ID:-"
            + ServerConfig.DEFAULT_ACCOUNT_ID + "}", description = {"12-digit account id in ARNs.",
                "Default: ${DEFAULT-VALUE}; env CORELINK_ACCOUNT_ID."})
    String accountId;

    @Option(names = "--store-timeout", paramLabel = "DURATION", defaultValue = "${env:CORELINK_STORE_TIMEOUT:-"
            + ServerConfig.DEFAULT_STORE_TIMEOUT + "}", description = {"How long a request waits for the store before",
                "it gets the service's retryable error (500ms, 5s, 2m).",
                "Default: ${DEFAULT-VALUE}; env CORELINK_STORE_TIMEOUT."})
    String storeTimeout;

    @Option(names = "--data-plane-authorization", paramLabel = "MODE", defaultValue =
            "${env:CORELINK_DATA_PLANE_AUTHORIZATION:-iot-policy}", description = {
                "iot-policy: a data-plane call needs an IoT policy",
                "attached to the certificate that allows it (as AWS).",
                "certificate: any ACTIVE certificate attached to the",
                "thing may act for it (trusted networks only).",
                "Default: ${DEFAULT-VALUE}; env CORELINK_DATA_PLANE_AUTHORIZATION."})
    String dataPlaneAuthorization;

    @Option(names = "--rate-limit", paramLabel = "SELECTOR=RATE[/BURST]", split = ",",
            defaultValue = "${env:CORELINK_RATE_LIMIT:-}", description = {
                "Requests a second per caller (access key; certificate on",
                "the data plane) for an action (greengrass:Discover), a",
                "wildcard (iot:*) or default; BURST is the bucket size",
                "(default RATE). Repeatable; none by default.",
                "Env CORELINK_RATE_LIMIT (comma-separated)."})
    List<String> rateLimits;

    @Option(names = "--fault-injection", defaultValue = "${env:CORELINK_FAULT_INJECTION:-false}",
            // The bare flag means on even when the variable is on too (picocli would flip a true default).
            fallbackValue = "true", arity = "0..1", converter = SwitchValue.class,
            description = {"Serve /_corelink/faults, where a test sets errors,",
                "latency and dropped connections to inject (never",
                "in production). Env CORELINK_FAULT_INJECTION."})
    boolean faultInjection;

    @Option(names = "--audit-retention-days", paramLabel = "N",
            defaultValue = "${env:CORELINK_AUDIT_RETENTION_DAYS:-" + ServerConfig.DEFAULT_AUDIT_RETENTION_DAYS + "}",
            description = {"Days the audit log keeps its records (default 90;",
                "0: no audit log). Env CORELINK_AUDIT_RETENTION_DAYS."})
    int auditRetentionDays;

    @Option(names = "--event-retention-days", paramLabel = "N",
            defaultValue = "${env:CORELINK_EVENT_RETENTION_DAYS:-" + ServerConfig.DEFAULT_EVENT_RETENTION_DAYS + "}",
            description = {"Days change events are kept (default 7; 0: no",
                "change events). Env CORELINK_EVENT_RETENTION_DAYS."})
    int eventRetentionDays;

    @Option(names = "--event-webhook", paramLabel = "URL", split = ",",
            defaultValue = "${env:CORELINK_EVENT_WEBHOOK:-}", description = {
                "POST change events to URL, in order, signed",
                "(X-Corelink-Signature); repeatable. Env",
                "CORELINK_EVENT_WEBHOOK (comma-separated)."})
    List<String> eventWebhooks;

    @Option(names = "--control-plane-tls", defaultValue = "${env:CORELINK_CONTROL_PLANE_TLS:-false}",
            // The bare flag means on even when the variable is on too (picocli would flip a true default).
            fallbackValue = "true", arity = "0..1", converter = SwitchValue.class,
            description = {"Serve the control plane over HTTPS with a certificate",
                "from the deployment's root CA (the data plane's names).",
                "Env CORELINK_CONTROL_PLANE_TLS."})
    boolean controlPlaneTls;

    @Option(names = "--tls-cert-file", paramLabel = "FILE", defaultValue = "${env:CORELINK_TLS_CERT_FILE:-}",
            description = {"PEM certificate (then any intermediates) for an HTTPS",
                "control plane instead; with --tls-key-file.",
                "Env CORELINK_TLS_CERT_FILE."})
    String tlsCertificateFile;

    @Option(names = "--tls-key-file", paramLabel = "FILE", defaultValue = "${env:CORELINK_TLS_KEY_FILE:-}",
            description = {"Its unencrypted PEM private key.", "Env CORELINK_TLS_KEY_FILE."})
    String tlsKeyFile;

    @Option(names = "--metrics-port", paramLabel = "N", defaultValue = "${env:CORELINK_METRICS_PORT:-}",
            description = {"Also serve /_corelink/metrics here, plain HTTP and",
                "without authentication (0 picks a free port). Default:",
                "on the control plane, for the administrator only.",
                "Env CORELINK_METRICS_PORT."})
    String metricsPort;

    /** How log lines look: {@code text} (one line an event) or {@code json} (one JSON object a line). */
    enum LogFormat { text, json }

    @Option(names = "--log-format", paramLabel = "FORMAT", defaultValue = "${env:CORELINK_LOG_FORMAT:-text}",
            description = {"text or json (one object a line). Default:",
                "${DEFAULT-VALUE}; env CORELINK_LOG_FORMAT."})
    LogFormat logFormat;

    @Option(names = "--init", paramLabel = "FILE.yaml", defaultValue = "${env:CORELINK_INIT:-}",
            description = {"A fleet fixture to apply at start, before the listening lines",
                "(as corelink apply does). Env CORELINK_INIT."})
    String init;

    @Option(names = "--init-out", paramLabel = "DIR", defaultValue = "${env:CORELINK_INIT_OUT:-}",
            description = {"Where --init writes generated keys and certificates.",
                "Default: DATA_DIR/init; env CORELINK_INIT_OUT."})
    String initOut;

    @Override
    public Integer call() {
        ServerConfig config = config();
        io.corelink.fleet.Fixture fixture = StoreOptions.blankToNull(init) == null ? null
                : FleetCommands.readFixture(java.nio.file.Path.of(init.strip()));
        if (logFormat == LogFormat.json) {
            // The "listening on" and "generated administrator access key" lines stay as server.md gives them:
            // scripts wait for them. Every log event after this is a JSON object.
            io.corelink.app.logging.LogConfiguration.useJson();
        }
        CountDownLatch stop = new CountDownLatch(1);
        // Installed before the "listening" line is printed, so that no signal a script sends after it is missed.
        Signal.handle(new Signal("TERM"), signal -> stop.countDown());
        Signal.handle(new Signal("INT"), signal -> stop.countDown());
        CorelinkServer server = CorelinkServer.start(config, Clock.systemUTC(), System.out, started -> {
            if (fixture != null) {
                InitialFleet.apply(started, config, fixture, initOutDirectory(config), System.out);
            }
        });
        try {
            stop.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        server.close();
        io.corelink.app.logging.LogConfiguration.flush();
        System.out.println("corelink: stopped");
        return 0;
    }

    private java.nio.file.Path initOutDirectory(ServerConfig config) {
        String given = StoreOptions.blankToNull(initOut);
        return given == null ? config.dataDir().resolve("init") : java.nio.file.Path.of(given);
    }

    private ServerConfig.Listeners listeners() {
        String certificate = StoreOptions.blankToNull(tlsCertificateFile);
        String key = StoreOptions.blankToNull(tlsKeyFile);
        String metrics = StoreOptions.blankToNull(metricsPort);
        Integer parsedPort;
        try {
            parsedPort = metrics == null ? null : Integer.valueOf(metrics.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--metrics-port must be 0..65535, not '" + metrics + "'");
        }
        return new ServerConfig.Listeners(controlPlaneTls, certificate == null ? null : java.nio.file.Path.of(
                certificate), key == null ? null : java.nio.file.Path.of(key), parsedPort);
    }

    /** @throws CommandLine.ParameterException (exit 2) naming the value out of range */
    ServerConfig config() {
        try {
            return new ServerConfig(store.dataDir, host, port,
                    dataPlanePorts.stream().toList(),
                    dataPlaneHosts.stream().filter(h -> !h.isBlank()).toList(),
                    new Account(region, accountId),
                    store.url(), database.user(), database.password(System.err),
                    StoreOptions.blankToNull(System.getenv("CORELINK_ACCESS_KEY_ID")),
                    StoreOptions.blankToNull(System.getenv("CORELINK_SECRET_ACCESS_KEY")),
                    ServerConfig.parseDuration("--store-timeout", storeTimeout),
                    DataPlaneAuthorization.parse(dataPlaneAuthorization),
                    rateLimits.stream().filter(r -> !r.isBlank()).map(RateLimit::parse).toList(), faultInjection,
                    new ServerConfig.Recording(auditRetentionDays, eventRetentionDays, ServerConfig.Recording.webhooks(
                            eventWebhooks.stream().filter(w -> !w.isBlank()).toList())),
                    listeners());
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
    }
}
