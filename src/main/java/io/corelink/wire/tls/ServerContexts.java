package io.corelink.wire.tls;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import org.jspecify.annotations.Nullable;

/** The JDK TLS context both listeners' key material goes into. */
final class ServerContexts {
    private static final char[] KEY_PASSWORD = "corelink".toCharArray();

    private ServerContexts() {
    }

    /**
     * A TLS context presenting {@code chain} (the server certificate first) with its key, checking client
     * certificates with {@code clientTrust} (null: no client certificates asked for).
     *
     * @throws IllegalStateException when the JDK refuses the key or the chain
     */
    static SSLContext context(PrivateKey serverKey, X509Certificate[] serverChain, @Nullable TrustManager clientTrust,
                              int sessionLifetimeSeconds) {
        try {
            // An in-memory container for the JDK's key manager only. JKS, not PKCS12: PKCS12 protects the entry with
            // PBKDF2 (10,000 rounds) on the way in and out, 0.15 s of every start for a store nobody ever writes.
            KeyStore keyStore = KeyStore.getInstance("JKS");
            keyStore.load(null, null);
            keyStore.setKeyEntry("server", serverKey, KEY_PASSWORD, serverChain);
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(keyStore, KEY_PASSWORD);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), clientTrust == null ? null : new TrustManager[] {clientTrust}, null);
            context.getServerSessionContext().setSessionTimeout(sessionLifetimeSeconds);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build a TLS context: " + e.getClass().getSimpleName(), e);
        }
    }
}
