package io.corelink.app;

import org.jspecify.annotations.Nullable;
import io.corelink.pki.CertificateAuthority;
import io.corelink.pki.Pem;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.interfaces.RSAKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.bouncycastle.asn1.x509.GeneralName;

/**
 * This node's data-plane server certificate, issued from the shared root CA with the SANs {@code localhost},
 * {@code 127.0.0.1}, the {@code --host} value and every {@code --data-plane-host}. It is node-specific, so it lives in
 * the data directory ({@code tls/data-plane.pem}, key {@code tls/data-plane-key.pem} mode 0600), not in the shared
 * store, and is reused at the next start while it still fits: issued by the current root CA, for exactly the wanted
 * names, with its key. Otherwise a new one replaces it. Generating an RSA 2048 key costs 0.05-0.5 s on 2 cores, which
 * was a third of a restart (docs/benchmarks.md).
 */
final class DataPlaneCertificate {
    static final String CERTIFICATE_FILE = "tls/data-plane.pem";
    static final String KEY_FILE = "tls/data-plane-key.pem";

    private DataPlaneCertificate() {
    }

    record Issued(KeyPair keys, X509Certificate[] chain) {
    }

    /**
     * Starts generating a key pair in the background when this data directory holds no certificate yet (a first
     * start), so that the generation overlaps the opening of the store; null otherwise.
     */
    static @Nullable CompletableFuture<KeyPair> prepareKeys(Path dataDir) {
        return Files.exists(dataDir.resolve(CERTIFICATE_FILE)) ? null
                : CompletableFuture.supplyAsync(CertificateAuthority::rsa2048);
    }

    /**
     * @param preparedKeys from {@link #prepareKeys}, or null
     * @throws StartupException when a new certificate cannot be written into the data directory
     */
    static Issued ensure(CertificateAuthority authority, ServerConfig config, DataDirectory dataDir, Clock clock,
                         @Nullable CompletableFuture<KeyPair> preparedKeys) {
        List<GeneralName> alternativeNames = alternativeNames(config);
        Issued stored = stored(authority, dataDir, alternativeNames, clock);
        if (stored != null) {
            return stored;
        }
        Supplier<KeyPair> keys = preparedKeys == null ? CertificateAuthority::rsa2048 : preparedKeys::join;
        KeyPair pair = keys.get();
        X509Certificate certificate = authority.issueServerCertificate(pair.getPublic(), clock, alternativeNames);
        try {
            Path tlsDir = dataDir.resolve("tls");
            Files.createDirectories(tlsDir);
            DataDirectory.setMode(tlsDir, "rwx------");
            // The key first: a certificate on disk always has its key beside it.
            DataDirectory.writeAtomically(dataDir.resolve(KEY_FILE), Pem.write(pair.getPrivate()), "rw-------");
            DataDirectory.writeAtomically(dataDir.resolve(CERTIFICATE_FILE), Pem.write(certificate), "rw-r--r--");
        } catch (IOException e) {
            throw new StartupException("cannot write the data-plane certificate into " + dataDir.resolve("tls")
                    + ": " + e.getClass().getSimpleName());
        }
        return new Issued(pair, new X509Certificate[] {certificate, authority.certificate()});
    }

    /** The stored certificate and key if they exist and still fit; null otherwise (unreadable counts as absent). */
    private static @Nullable Issued stored(CertificateAuthority authority, DataDirectory dataDir,
                                 List<GeneralName> alternativeNames, Clock clock) {
        Path certificateFile = dataDir.resolve(CERTIFICATE_FILE);
        Path keyFile = dataDir.resolve(KEY_FILE);
        if (!Files.exists(certificateFile) || !Files.exists(keyFile)) {
            return null;
        }
        try {
            X509Certificate certificate = Pem.certificate(Files.readString(certificateFile));
            PrivateKey key = Pem.privateKey(Files.readString(keyFile));
            certificate.verify(authority.certificate().getPublicKey());
            certificate.checkValidity(java.util.Date.from(clock.instant()));
            boolean fits = certificate.getIssuerX500Principal().equals(authority.certificate().getSubjectX500Principal())
                    && key instanceof RSAKey rsaKey && certificate.getPublicKey() instanceof RSAKey rsaPublic
                    && rsaKey.getModulus().equals(rsaPublic.getModulus())
                    && names(certificate.getSubjectAlternativeNames()).equals(names(alternativeNames));
            return fits ? new Issued(new KeyPair(certificate.getPublicKey(), key),
                    new X509Certificate[] {certificate, authority.certificate()}) : null;
        } catch (IOException | GeneralSecurityException | IllegalArgumentException | ClassCastException e) {
            return null;
        }
    }

    private static List<GeneralName> alternativeNames(ServerConfig config) {
        Set<String> names = new LinkedHashSet<>(List.of("localhost", "127.0.0.1"));
        if (!config.host().equals("0.0.0.0") && !config.host().equals("::")) {
            names.add(config.host());
        }
        names.addAll(config.dataPlaneHosts());
        List<GeneralName> alternativeNames = new ArrayList<>();
        for (String name : names) {
            alternativeNames.add(isIpAddress(name) ? new GeneralName(GeneralName.iPAddress, name)
                    : new GeneralName(GeneralName.dNSName, name));
        }
        return alternativeNames;
    }

    /** SANs as "type:value", IP addresses in their canonical text, to compare wanted and stored names. */
    private static Set<String> names(List<GeneralName> names) {
        Set<String> result = new HashSet<>();
        for (GeneralName name : names) {
            if (name.getTagNo() == GeneralName.iPAddress) {
                byte[] octets = org.bouncycastle.asn1.DEROctetString.getInstance(name.getName()).getOctets();
                result.add(GeneralName.iPAddress + ":" + canonicalAddress(octets));
            } else {
                result.add(name.getTagNo() + ":" + name.getName().toString());
            }
        }
        return result;
    }

    private static Set<String> names(Collection<List<?>> stored) {
        Set<String> result = new HashSet<>();
        for (List<?> entry : stored == null ? List.<List<?>>of() : stored) {
            int type = (Integer) entry.get(0);
            String value = (String) entry.get(1);
            result.add(type + ":" + (type == GeneralName.iPAddress ? canonicalAddress(value) : value));
        }
        return result;
    }

    private static String canonicalAddress(byte[] octets) {
        try {
            return InetAddress.getByAddress(octets).getHostAddress();
        } catch (java.net.UnknownHostException e) {
            return "?";
        }
    }

    private static String canonicalAddress(String literal) {
        try {
            return InetAddress.getByName(literal).getHostAddress();
        } catch (java.net.UnknownHostException e) {
            return "?";
        }
    }

    private static boolean isIpAddress(String name) {
        if (!name.matches("[0-9.]+") && !name.contains(":")) {
            return false;
        }
        try {
            InetAddress.getByName(name);
            return true;
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }
}
