package io.corelink.app;

import io.corelink.wire.tls.ControlPlaneTls;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.time.Clock;
import java.util.Date;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The HTTPS control plane's certificate and key from {@code --tls-cert-file} and {@code --tls-key-file}. */
final class ControlPlaneIdentity {
    private static final Logger LOG = LoggerFactory.getLogger(ControlPlaneIdentity.class);

    private ControlPlaneIdentity() {
    }

    /**
     * Reads and checks both files. A certificate out of its validity period is served with a warning (refusing to
     * start would take the data plane down too while a renewed certificate is on its way).
     *
     * @throws StartupException naming the file and what is wrong with it; never the key's content
     */
    static ControlPlaneTls.Identity read(Path certificateFile, Path keyFile, Clock clock) {
        String certificates = readable("--tls-cert-file", certificateFile);
        String key = readable("--tls-key-file", keyFile);
        ControlPlaneTls.Identity identity;
        try {
            identity = ControlPlaneTls.fromPem(certificates, key);
        } catch (IllegalArgumentException e) {
            throw new StartupException("cannot use --tls-cert-file " + certificateFile + " with --tls-key-file "
                    + keyFile + ": " + e.getMessage());
        }
        try {
            identity.chain()[0].checkValidity(Date.from(clock.instant()));
        } catch (CertificateExpiredException | CertificateNotYetValidException e) {
            LOG.warn("the certificate in {} is outside its validity period ({} to {}): clients will refuse it",
                    certificateFile, identity.chain()[0].getNotBefore().toInstant(),
                    identity.chain()[0].getNotAfter().toInstant());
        }
        return identity;
    }

    private static String readable(String option, Path file) {
        try {
            return Files.readString(file, java.nio.charset.StandardCharsets.US_ASCII);
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new StartupException("cannot read " + option + " " + file + ": " + (!Files.exists(file)
                    ? "no such file" : !Files.isReadable(file) ? "permission denied (the service's user must be "
                    + "able to read it)" : "not readable as PEM text"));
        }
    }
}
