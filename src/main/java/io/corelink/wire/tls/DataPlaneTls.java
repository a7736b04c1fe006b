package io.corelink.wire.tls;

import org.jspecify.annotations.Nullable;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * The TLS side of the data plane: TLS 1.2 and 1.3, a client certificate required and checked against the registry,
 * and ALPN answering {@code x-amzn-http-ca} when offered (AWS IoT clients on port 443 offer it), else
 * {@code http/1.1}, else nothing.
 */
public final class DataPlaneTls {
    public static final String ALPN_AWS = "x-amzn-http-ca";
    static final int SESSION_LIFETIME_SECONDS = 15 * 60;

    private DataPlaneTls() {
    }

    /** The ALPN choice among the client's protocols, or null for none. */
    public static @Nullable String selectProtocol(List<String> offered) {
        if (offered.contains(ALPN_AWS)) {
            return ALPN_AWS;
        }
        return offered.contains("http/1.1") ? "http/1.1" : null;
    }

    /**
     * A context factory for the data-plane listeners: client certificate required, TLS 1.2/1.3, ALPN as above. The
     * key material is installed later ({@link #install}), once the CA is known, so that the ports can be bound first.
     */
    public static SslContextFactory.Server newContextFactory() {
        SslContextFactory.Server factory = new SslContextFactory.Server() {
            @Override
            public void customize(SSLEngine engine) {
                super.customize(engine);
                engine.setHandshakeApplicationProtocolSelector((e, offered) -> selectProtocol(offered));
            }
        };
        factory.setNeedClientAuth(true);
        factory.setIncludeProtocols("TLSv1.3", "TLSv1.2");
        factory.setEndpointIdentificationAlgorithm(null);
        return factory;
    }

    /**
     * Installs the server key, its chain (server certificate first) and the client-certificate check.
     */
    public static void install(SslContextFactory.Server factory, PrivateKey serverKey, X509Certificate[] serverChain,
                               TrustManager clientTrust) {
        // A resumed session skips the certificate checks of a full handshake; its lifetime is bounded (and each
        // request checks the certificate's validity and status again).
        // Jetty ignores trust-all once a key store is set, hence an SSLContext built here (stack.md §2).
        factory.setSslContext(ServerContexts.context(serverKey, serverChain, clientTrust, SESSION_LIFETIME_SECONDS));
    }
}
