package io.corelink.app;

import io.corelink.pki.Pem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The certificate authorities a command trusts when it reaches a server over {@code https://}: the JDK's own (for a
 * server with a publicly issued certificate), the deployment's root CA from the data directory when it is there, and
 * the certificates of a {@code --ca-bundle} file. Host names are checked as usual.
 */
final class TrustBundle {
    private TrustBundle() {
    }

    /**
     * @param rootCa the data directory's root CA certificate; skipped when it does not exist
     * @param bundle a PEM file of further CA certificates, or null
     * @throws StartupException when the bundle cannot be read or holds no certificate
     */
    static SSLContext context(Path rootCa, @org.jspecify.annotations.Nullable Path bundle) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trustManagers(rootCa, bundle), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new StartupException("cannot set up TLS: " + e.getClass().getSimpleName());
        }
    }

    /** What {@link #context} trusts, for a context that also presents a client certificate. */
    static javax.net.ssl.TrustManager[] trustManagers(Path rootCa, @org.jspecify.annotations.Nullable Path bundle) {
        List<X509Certificate> extra = new ArrayList<>();
        if (Files.isReadable(rootCa)) {
            try {
                extra.addAll(Pem.certificates(Files.readString(rootCa)));
            } catch (IOException | IllegalArgumentException e) {
                // An unreadable root CA file is no reason to refuse a server the JDK or the bundle vouches for.
            }
        }
        if (bundle != null) {
            try {
                extra.addAll(Pem.certificates(Files.readString(bundle)));
            } catch (IOException | IllegalArgumentException e) {
                throw new StartupException("cannot use --ca-bundle " + bundle + ": " + (Files.exists(bundle)
                        ? "it holds no PEM certificate" : "no such file"));
            }
        }
        try {
            TrustManagerFactory jdk = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            jdk.init((KeyStore) null);
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            int alias = 0;
            for (javax.net.ssl.TrustManager manager : jdk.getTrustManagers()) {
                if (manager instanceof X509TrustManager x509) {
                    for (X509Certificate issuer : x509.getAcceptedIssuers()) {
                        trusted.setCertificateEntry("jdk-" + alias++, issuer);
                    }
                }
            }
            for (X509Certificate certificate : extra) {
                trusted.setCertificateEntry("corelink-" + alias++, certificate);
            }
            TrustManagerFactory all = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            all.init(trusted);
            return all.getTrustManagers();
        } catch (GeneralSecurityException | IOException e) {
            throw new StartupException("cannot set up TLS: " + e.getClass().getSimpleName());
        }
    }
}
