package io.corelink.app;

import java.util.List;
import java.util.concurrent.Callable;
import javax.net.ssl.SSLContext;
import org.jdbi.v3.core.Jdbi;

/**
 * Loads and initialises, on a background thread, what {@code serve} needs soon and what does not depend on its
 * configuration, so that this work runs on the second core while the main thread parses options, binds ports and
 * opens the store, instead of adding to it: JDBI with the SQLite driver and its native library (and, through their
 * logging, logback) first, then Jetty, HikariCP, BouncyCastle's PEM codec, JSON, the control-plane routes and the
 * JDK's TLS. The order was chosen by measurement (median of 9 restarts: 0.91 s, against 0.93-1.03 s for the other
 * orders tried; docs/benchmarks.md, row 6). Any failure is ignored: the main thread then loads what it needs itself,
 * as it would without this.
 */
final class Preload {
    private static final List<String> JETTY = List.of("org.eclipse.jetty.server.Server",
            "org.eclipse.jetty.server.ServerConnector", "org.eclipse.jetty.server.HttpConnectionFactory",
            "org.eclipse.jetty.server.SslConnectionFactory", "org.eclipse.jetty.util.ssl.SslContextFactory$Server");
    private static final List<String> LATER = List.of("com.zaxxer.hikari.HikariDataSource",
            "org.bouncycastle.openssl.PEMParser", "org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter",
            "org.bouncycastle.cert.jcajce.JcaX509CertificateConverter", "io.corelink.wire.json.Json",
            "io.corelink.api.ControlPlaneRoutes", "io.corelink.wire.sigv4.SigV4Verifier");

    private Preload() {
    }

    static void start() {
        Thread thread = new Thread(Preload::run, "corelink-preload");
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
        thread.start();
    }

    private static void run() {
        attempt(() -> Jdbi.create("jdbc:sqlite::memory:").withHandle(handle -> handle.createQuery("SELECT :value")
                .bind("value", 1).mapTo(Integer.class).one()));
        JETTY.forEach(Preload::load);
        LATER.forEach(Preload::load);
        attempt(() -> {
            SSLContext.getInstance("TLS").init(null, null, null);
            return null;
        });
    }

    private static void load(String className) {
        attempt(() -> Class.forName(className, true, Preload.class.getClassLoader()));
    }

    private static void attempt(Callable<?> work) {
        try {
            work.call();
        } catch (Exception | LinkageError e) {
            // not needed for correctness
        }
    }
}
