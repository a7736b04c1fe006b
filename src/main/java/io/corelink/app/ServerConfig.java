package io.corelink.app;

import io.corelink.wire.pipeline.RateLimit;
import org.jspecify.annotations.Nullable;
import io.corelink.domain.Account;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Everything {@code corelink serve} is configured with, immutable and validated; the defaults of {@code server.md}
 * are declared here and nowhere else.
 *
 * @param databaseUrl a JDBC URL, or null for the SQLite file in the data directory
 * @param adminAccessKeyId the administrator key from the environment, or null (then both are null)
 */
public record ServerConfig(
        Path dataDir,
        String host,
        int port,
        List<Integer> dataPlanePorts,
        List<String> dataPlaneHosts,
        Account account,
        @Nullable String databaseUrl,
        @Nullable String databaseUser,
        @Nullable String databasePassword,
        @Nullable String adminAccessKeyId,
        @Nullable String adminSecretAccessKey,
        Duration storeTimeout,
        DataPlaneAuthorization dataPlaneAuthorization,
        List<RateLimit> rateLimits,
        boolean faultInjection,
        Recording recording,
        Listeners listeners) {

    public static final String DEFAULT_DATA_DIR = "./corelink-data";
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8080;
    public static final int DEFAULT_DATA_PLANE_PORT = 8443;
    public static final String DEFAULT_REGION = "us-east-1";
    public static final String DEFAULT_ACCOUNT_ID = "000000000000";
    public static final String DEFAULT_STORE_TIMEOUT = "5s";
    /** How long the audit log keeps its records (operations.md §3); 0 turns the audit log off. */
    public static final int DEFAULT_AUDIT_RETENTION_DAYS = 90;
    /** How long change events are kept (operations.md §4); 0 turns change events off. */
    public static final int DEFAULT_EVENT_RETENTION_DAYS = 7;
    private static final int MAX_RETENTION_DAYS = 36_500;

    /**
     * What the server records besides the change itself: the audit log and the change events, each kept its number of
     * days (0: not recorded at all), and the webhooks the events are delivered to.
     */
    public record Recording(int auditRetentionDays, int eventRetentionDays, List<java.net.URI> eventWebhooks,
                            boolean metrics) {
        public static final Recording DEFAULTS = new Recording(DEFAULT_AUDIT_RETENTION_DAYS,
                DEFAULT_EVENT_RETENTION_DAYS, List.of());

        /** With the request, TLS and store meters on (as {@code serve} always has them). */
        public Recording(int auditRetentionDays, int eventRetentionDays, List<java.net.URI> eventWebhooks) {
            this(auditRetentionDays, eventRetentionDays, eventWebhooks, true);
        }

        /**
         * Nothing recorded but the change itself: no audit log, no change events, no request, TLS or store meters
         * (the JVM's remain), for the benchmark's "all off" side.
         */
        public static final Recording NOTHING = new Recording(0, 0, List.of(), false);

        /** @throws IllegalArgumentException naming the option */
        public Recording {
            checkDays("--audit-retention-days", auditRetentionDays);
            checkDays("--event-retention-days", eventRetentionDays);
            eventWebhooks = List.copyOf(new java.util.LinkedHashSet<>(eventWebhooks)); // one delivery a webhook
            for (java.net.URI webhook : eventWebhooks) {
                if (webhook.getHost() == null
                        || !("http".equals(webhook.getScheme()) || "https".equals(webhook.getScheme()))) {
                    throw new IllegalArgumentException("--event-webhook must be an http or https URL, not '"
                            + webhook + "'");
                }
            }
            if (!eventWebhooks.isEmpty() && eventRetentionDays == 0) {
                throw new IllegalArgumentException("--event-webhook needs change events (--event-retention-days "
                        + "above 0)");
            }
        }

        private static void checkDays(String option, int days) {
            if (days < 0 || days > MAX_RETENTION_DAYS) {
                throw new IllegalArgumentException(option + " must be 0 (off) to " + MAX_RETENTION_DAYS + ", not "
                        + days);
            }
        }

        /**
         * @throws IllegalArgumentException naming the option when a webhook is not a URL
         */
        public static List<java.net.URI> webhooks(List<String> urls) {
            List<java.net.URI> parsed = new java.util.ArrayList<>();
            for (String url : urls) {
                try {
                    parsed.add(new java.net.URI(url.strip()));
                } catch (java.net.URISyntaxException e) {
                    throw new IllegalArgumentException("--event-webhook must be an http or https URL, not '" + url
                            + "'");
                }
            }
            return parsed;
        }

        @Override
        public String toString() {
            return "auditRetentionDays=" + auditRetentionDays + ", eventRetentionDays=" + eventRetentionDays
                    + (eventWebhooks.isEmpty() ? "" : ", eventWebhooks=" + eventWebhooks.size())
                    + (metrics ? "" : ", metrics=off");
        }
    }

    /**
     * How the control plane and the metrics are served (operations.md §6–§7).
     *
     * @param controlPlaneTls whether the control plane is HTTPS; with no files given, its certificate is issued by
     *                        the deployment's root CA with the data-plane certificate's names
     * @param tlsCertificateFile a PEM certificate (chain) for the HTTPS control plane, or null
     * @param tlsKeyFile its PEM private key, or null (given with the certificate or not at all)
     * @param metricsPort a port serving {@code /_corelink/metrics} without authentication (0 picks one), or null
     */
    public record Listeners(boolean controlPlaneTls, @Nullable Path tlsCertificateFile, @Nullable Path tlsKeyFile,
                            @Nullable Integer metricsPort) {
        public static final Listeners DEFAULTS = new Listeners(false, null, null, null);

        /** @throws IllegalArgumentException naming the option */
        public Listeners {
            if ((tlsCertificateFile == null) != (tlsKeyFile == null)) {
                throw new IllegalArgumentException("--tls-cert-file and --tls-key-file go together");
            }
            // Files given mean HTTPS: serving them over plain HTTP is never what was meant.
            controlPlaneTls = controlPlaneTls || tlsCertificateFile != null;
            if (metricsPort != null) {
                checkPort("--metrics-port", metricsPort);
            }
        }

        /** HTTPS on the control plane with a certificate from the deployment's root CA. */
        public static Listeners https() {
            return new Listeners(true, null, null, null);
        }

        public Listeners withMetricsPort(@Nullable Integer port) {
            return new Listeners(controlPlaneTls, tlsCertificateFile, tlsKeyFile, port);
        }

        @Override
        public String toString() {
            return "controlPlane=" + (!controlPlaneTls ? "http" : tlsCertificateFile == null ? "https(root CA)"
                    : "https(" + tlsCertificateFile + ")") + (metricsPort == null ? "" : ", metricsPort=" + metricsPort);
        }
    }

    private static final Duration MAX_STORE_TIMEOUT = Duration.ofMinutes(5);

    /** @throws IllegalArgumentException naming the bad value */
    public ServerConfig {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(account, "account");
        checkPort("--port", port);
        Objects.requireNonNull(storeTimeout, "storeTimeout");
        Objects.requireNonNull(dataPlaneAuthorization, "dataPlaneAuthorization");
        if (storeTimeout.toMillis() < 100 || storeTimeout.compareTo(MAX_STORE_TIMEOUT) > 0) {
            throw new IllegalArgumentException("--store-timeout must be between 100ms and 5m, not " + storeTimeout);
        }
        dataPlanePorts = List.copyOf(dataPlanePorts);
        dataPlanePorts.forEach(p -> checkPort("--data-plane-port", p));
        dataPlaneHosts = List.copyOf(dataPlaneHosts);
        rateLimits = List.copyOf(rateLimits);
        Objects.requireNonNull(recording, "recording");
        Objects.requireNonNull(listeners, "listeners");
        if (listeners.metricsPort() != null && listeners.metricsPort() != 0
                && (listeners.metricsPort() == port || dataPlanePorts.contains(listeners.metricsPort()))) {
            throw new IllegalArgumentException("--metrics-port must differ from the control-plane and data-plane "
                    + "ports, not " + listeners.metricsPort());
        }
        if (rateLimits.stream().map(RateLimit::selector).distinct().count() < rateLimits.size()) {
            throw new IllegalArgumentException("--rate-limit names a selector twice");
        }
        if (databaseUrl != null && !databaseUrl.startsWith("jdbc:postgresql:")
                && !databaseUrl.startsWith("jdbc:sqlite:")) {
            throw new IllegalArgumentException("--database-url must be a jdbc:postgresql: or jdbc:sqlite: URL, not "
                    + scheme(databaseUrl));
        }
        if ((adminAccessKeyId == null) != (adminSecretAccessKey == null)) {
            throw new IllegalArgumentException(
                    "set both CORELINK_ACCESS_KEY_ID and CORELINK_SECRET_ACCESS_KEY, or neither");
        }
        if (adminAccessKeyId != null && !adminAccessKeyId.matches("[A-Za-z0-9]{16,128}")) {
            throw new IllegalArgumentException("CORELINK_ACCESS_KEY_ID must be 16 to 128 letters and digits");
        }
        if (adminSecretAccessKey != null && (adminSecretAccessKey.length() < 16 || adminSecretAccessKey.length() > 128)) {
            throw new IllegalArgumentException("CORELINK_SECRET_ACCESS_KEY must be 16 to 128 characters");
        }
    }

    /** The URL's scheme only ("jdbc:mysql:"): the rest may hold a password. */
    private static String scheme(String url) {
        int first = url.indexOf(':');
        int second = first < 0 ? -1 : url.indexOf(':', first + 1);
        return second < 0 ? "a URL of another kind" : url.substring(0, second + 1);
    }

    private static void checkPort(String option, int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(option + " must be 0..65535, not " + port);
        }
    }

    /** A configuration without rate limits. */
    public ServerConfig(Path dataDir, String host, int port, List<Integer> dataPlanePorts, List<String> dataPlaneHosts,
                        Account account, @Nullable String databaseUrl, @Nullable String databaseUser,
                        @Nullable String databasePassword, @Nullable String adminAccessKeyId,
                        @Nullable String adminSecretAccessKey, Duration storeTimeout,
                        DataPlaneAuthorization dataPlaneAuthorization) {
        this(dataDir, host, port, dataPlanePorts, dataPlaneHosts, account, databaseUrl, databaseUser, databasePassword,
                adminAccessKeyId, adminSecretAccessKey, storeTimeout, dataPlaneAuthorization, List.of(), false,
                Recording.DEFAULTS, Listeners.DEFAULTS);
    }

    /** A configuration with the default data-plane authorization ({@code iot-policy}, as AWS). */
    public ServerConfig(Path dataDir, String host, int port, List<Integer> dataPlanePorts, List<String> dataPlaneHosts,
                        Account account, @Nullable String databaseUrl, @Nullable String databaseUser,
                        @Nullable String databasePassword, @Nullable String adminAccessKeyId,
                        @Nullable String adminSecretAccessKey, Duration storeTimeout) {
        this(dataDir, host, port, dataPlanePorts, dataPlaneHosts, account, databaseUrl, databaseUser, databasePassword,
                adminAccessKeyId, adminSecretAccessKey, storeTimeout, DataPlaneAuthorization.IOT_POLICY);
    }

    /** A configuration with the default store timeout. */
    public ServerConfig(Path dataDir, String host, int port, List<Integer> dataPlanePorts, List<String> dataPlaneHosts,
                        Account account, @Nullable String databaseUrl, @Nullable String databaseUser,
                        @Nullable String databasePassword, @Nullable String adminAccessKeyId,
                        @Nullable String adminSecretAccessKey) {
        this(dataDir, host, port, dataPlanePorts, dataPlaneHosts, account, databaseUrl, databaseUser, databasePassword,
                adminAccessKeyId, adminSecretAccessKey, parseDuration("--store-timeout", DEFAULT_STORE_TIMEOUT));
    }

    /**
     * A duration as an operator writes it: {@code 500ms}, {@code 5s}, {@code 2m}, or a number of seconds.
     *
     * @throws IllegalArgumentException naming the option when it is none of these
     */
    public static Duration parseDuration(String option, String text) {
        String value = text.strip();
        try {
            if (value.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
            }
            if (value.endsWith("s")) {
                return Duration.ofMillis(Math.round(Double.parseDouble(value.substring(0, value.length() - 1)) * 1000));
            }
            if (value.endsWith("m")) {
                return Duration.ofSeconds(Long.parseLong(value.substring(0, value.length() - 1)) * 60);
            }
            return Duration.ofMillis(Math.round(Double.parseDouble(value) * 1000));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " must be a duration such as 500ms, 5s or 2m, not '" + text
                    + "'");
        }
    }

    /** The configuration with every default and no administrator key, for tests and embedding. */
    public static ServerConfig defaults(Path dataDir) {
        return new ServerConfig(dataDir, DEFAULT_HOST, DEFAULT_PORT, List.of(DEFAULT_DATA_PLANE_PORT), List.of(),
                new Account(DEFAULT_REGION, DEFAULT_ACCOUNT_ID), null, null, null, null, null,
                parseDuration("--store-timeout", DEFAULT_STORE_TIMEOUT), DataPlaneAuthorization.IOT_POLICY);
    }

    public ServerConfig withPort(int newPort) {
        return new ServerConfig(dataDir, host, newPort, dataPlanePorts, dataPlaneHosts, account, databaseUrl,
                databaseUser, databasePassword, adminAccessKeyId, adminSecretAccessKey, storeTimeout,
                dataPlaneAuthorization, rateLimits, faultInjection, recording, listeners);
    }

    public ServerConfig withDataPlanePorts(List<Integer> ports) {
        return new ServerConfig(dataDir, host, port, ports, dataPlaneHosts, account, databaseUrl,
                databaseUser, databasePassword, adminAccessKeyId, adminSecretAccessKey, storeTimeout,
                dataPlaneAuthorization, rateLimits, faultInjection, recording, listeners);
    }

    public ServerConfig withDataPlaneHosts(List<String> hosts) {
        return new ServerConfig(dataDir, host, port, dataPlanePorts, hosts, account, databaseUrl,
                databaseUser, databasePassword, adminAccessKeyId, adminSecretAccessKey, storeTimeout,
                dataPlaneAuthorization, rateLimits, faultInjection, recording, listeners);
    }

    public ServerConfig withHost(String newHost) {
        return new ServerConfig(dataDir, newHost, port, dataPlanePorts, dataPlaneHosts, account, databaseUrl,
                databaseUser, databasePassword, adminAccessKeyId, adminSecretAccessKey, storeTimeout,
                dataPlaneAuthorization, rateLimits, faultInjection, recording, listeners);
    }

    public ServerConfig withAdministratorKey(@Nullable String accessKeyId, @Nullable String secretAccessKey) {
        return new ServerConfig(dataDir, host, port, dataPlanePorts, dataPlaneHosts, account, databaseUrl,
                databaseUser, databasePassword, accessKeyId, secretAccessKey, storeTimeout,
                dataPlaneAuthorization, rateLimits, faultInjection, recording, listeners);
    }

    public ServerConfig withAccount(Account newAccount) {
        return new ServerConfig(dataDir, host, port, dataPlanePorts, dataPlaneHosts, newAccount, databaseUrl,
                databaseUser, databasePassword, adminAccessKeyId, adminSecretAccessKey, storeTimeout,
                dataPlaneAuthorization, rateLimits, faultInjection, recording, listeners);
    }

    public ServerConfig withRateLimits(List<RateLimit> limits) {
        return new ServerConfig(dataDir, host, port, dataPlanePorts, dataPlaneHosts, account, databaseUrl,
                databaseUser, databasePassword, adminAccessKeyId, adminSecretAccessKey, storeTimeout,
                dataPlaneAuthorization, limits, faultInjection, recording, listeners);
    }

    /** With {@code /_corelink/faults} and the fault stage (operations.md §2): for testing clients, never by default. */
    public ServerConfig withFaultInjection(boolean enabled) {
        return new ServerConfig(dataDir, host, port, dataPlanePorts, dataPlaneHosts, account, databaseUrl,
                databaseUser, databasePassword, adminAccessKeyId, adminSecretAccessKey, storeTimeout,
                dataPlaneAuthorization, rateLimits, enabled, recording, listeners);
    }

    public ServerConfig withRecording(Recording newRecording) {
        return new ServerConfig(dataDir, host, port, dataPlanePorts, dataPlaneHosts, account, databaseUrl,
                databaseUser, databasePassword, adminAccessKeyId, adminSecretAccessKey, storeTimeout,
                dataPlaneAuthorization, rateLimits, faultInjection, newRecording, listeners);
    }

    public ServerConfig withListeners(Listeners newListeners) {
        return new ServerConfig(dataDir, host, port, dataPlanePorts, dataPlaneHosts, account, databaseUrl,
                databaseUser, databasePassword, adminAccessKeyId, adminSecretAccessKey, storeTimeout,
                dataPlaneAuthorization, rateLimits, faultInjection, recording, newListeners);
    }

    public ServerConfig withDataPlaneAuthorization(DataPlaneAuthorization mode) {
        return new ServerConfig(dataDir, host, port, dataPlanePorts, dataPlaneHosts, account, databaseUrl,
                databaseUser, databasePassword, adminAccessKeyId, adminSecretAccessKey, storeTimeout, mode, rateLimits,
                faultInjection, recording, listeners);
    }

    @Override
    public String toString() {
        return "ServerConfig[dataDir=" + dataDir + ", host=" + host + ", port=" + port + ", dataPlanePorts="
                + dataPlanePorts + ", account=" + account + ", databaseUrl=" + (databaseUrl == null ? "sqlite" : "set")
                + ", administratorKey=" + (adminAccessKeyId == null ? "stored" : adminAccessKeyId) + ", storeTimeout="
                + storeTimeout.toMillis() + "ms, dataPlaneAuthorization=" + dataPlaneAuthorization.optionValue()
                + (rateLimits.isEmpty() ? "" : ", rateLimits=" + rateLimits)
                + (faultInjection ? ", faultInjection=on" : "") + ", " + recording + ", " + listeners + "]";
    }
}
