package io.corelink.fleet;

import io.corelink.pki.KeyAlgorithm;
import io.corelink.pki.Pem;
import io.corelink.pki.SigningRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.cert.CertificateEncodingException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * A thing's certificate brought about through the public API, for {@code corelink import} and {@code apply}
 * (operations.md §5): a PEM certificate registered and attached; for {@code generate} or a CSR, a certificate the
 * server signs (CreateCertificateFromCsr), written under {@code --out} as {@code <thing>.cert.pem}, with a generated
 * key as {@code <thing>.private.key}.
 *
 * <p>Never twice. A generated key is written before its certificate is asked for, and a {@code .cert.pending} file
 * marks the request until the certificate is written: a rerun that finds one looks among the certificates made since
 * for the one with that key before asking for another, so a kill at any moment leaves no orphan certificate. A thing
 * that has a certificate from elsewhere (and no key under {@code --out}) keeps it and gets no second one.
 */
final class DeviceCertificates {
    /** How long before the server's clock, as last seen, a pending request may have been made (Date has whole seconds). */
    private static final Duration CLOCK_MARGIN = Duration.ofSeconds(2);

    private final FleetApi api;
    private final DeviceFiles files;
    private final KeyAlgorithm keyAlgorithm;

    DeviceCertificates(FleetApi api, DeviceFiles files, KeyAlgorithm keyAlgorithm) {
        this.api = api;
        this.files = files;
        this.keyAlgorithm = keyAlgorithm;
    }

    /** The certificates a step leaves attached to the thing (their ARNs), and whether it made or attached one. */
    public record Step(List<String> arns, boolean created) {
    }

    /**
     * Brings about one certificate of a thing.
     *
     * @param source     {@code generate}, a PEM certificate or certificate signing request, or the path of a file
     *                   with one
     * @param status     the status a certificate registered here gets
     * @param principals the thing's principals as they are now
     * @throws IllegalArgumentException naming the source, when it is no certificate, CSR or readable file
     * @throws FleetApi.AwsError        when the server refuses a call
     */
    public Step certificate(String thing, String source, String status, Set<String> principals) {
        Path certificateFile = files.certificate(thing);
        String request = null;
        if (!source.equals(ImportRow.GENERATE)) {
            String pem = source.startsWith("-----BEGIN") ? source : files.read(Path.of(source)).orElseThrow(() ->
                    new IllegalArgumentException(source + ": no such file"));
            if (!pem.contains("CERTIFICATE REQUEST-----")) {
                if (!pem.contains("-----BEGIN CERTIFICATE-----")) {
                    throw new IllegalArgumentException(shown(source) + ": neither a PEM certificate nor a PEM "
                            + "certificate signing request");
                }
                return attached(thing, principals, pem, status);
            }
            request = pem;
        }
        // A generated key or a CSR: the certificate the server signs is written under --out.
        java.util.Optional<String> written = files.read(certificateFile);
        if (written.isPresent()) {
            files.delete(files.pending(thing)); // a kill between writing the certificate and this
            return attached(thing, principals, written.get(), "ACTIVE");
        }
        Path keyFile = files.privateKey(thing);
        boolean begun = request == null ? Files.exists(keyFile)
                : Files.exists(files.pending(thing));
        if (!begun && !principals.isEmpty()) {
            // The thing has a certificate that did not come from here: it keeps it, and gets no second one.
            return new Step(List.copyOf(principals), false);
        }
        if (request != null) {
            return fromRequest(thing, principals, certificateFile, SigningRequest.parse(request).publicKey(), request);
        }
        KeyPair keys;
        if (begun) {
            keys = files.readKeyPair(keyFile);
        } else {
            keys = keyAlgorithm.generate();
            files.write(keyFile, Pem.writeKeyPair(keys));
        }
        return fromRequest(thing, principals, certificateFile, keys.getPublic(),
                SigningRequest.create(keys, keyAlgorithm, thing));
    }

    /** A certificate for the request's key: the one an interrupted run already got, else a new one. */
    private Step fromRequest(String thing, Set<String> principals, Path certificateFile, PublicKey key,
                             String request) {
        Path pending = files.pending(thing);
        java.util.Optional<String> mark = files.read(pending);
        FleetApi.CertificateDescription certificate = mark.map(bound -> madeSince(key,
                Instant.ofEpochMilli(parseMark(bound)))).orElse(null);
        if (certificate == null) {
            // An existing mark keeps its (earlier) time: a request of a killed run may still be committing.
            if (mark.isEmpty()) {
                files.write(pending, Long.toString(api.client().serverNow().minus(CLOCK_MARGIN).toEpochMilli()));
            }
            certificate = api.createCertificateFromCsr(request);
        }
        files.write(certificateFile, certificate.certificatePem());
        files.delete(pending);
        if (principals.contains(certificate.certificateArn())) {
            return new Step(List.of(certificate.certificateArn()), false);
        }
        api.attachThingPrincipal(thing, certificate.certificateArn());
        return new Step(List.of(certificate.certificateArn()), true);
    }

    /** The certificate for {@code key} made at or after {@code since}, or null. */
    private FleetApi.@Nullable CertificateDescription madeSince(PublicKey key, Instant since) {
        AtomicReference<FleetApi.CertificateDescription> found = new AtomicReference<>();
        double sinceSeconds = since.toEpochMilli() / 1000.0;
        api.certificatesNewestFirst((id, created) -> {
            if (created < sinceSeconds) {
                return false;
            }
            FleetApi.CertificateDescription description = api.describeCertificate(id);
            if (description != null && Arrays.equals(Pem.certificate(description.certificatePem()).getPublicKey()
                    .getEncoded(), key.getEncoded())) {
                found.set(description);
                return false;
            }
            return true;
        });
        return found.get();
    }

    /** The certificate registered (with {@code status}, unless it is there already) and attached to the thing. */
    private Step attached(String thing, Set<String> principals, String pem, String status) {
        String id = certificateId(pem);
        for (String arn : principals) {
            if (arn.endsWith("/" + id)) {
                return new Step(List.of(arn), false);
            }
        }
        String arn = api.registerCertificate(pem, status);
        if (arn == null) {
            FleetApi.CertificateDescription description = api.describeCertificate(id);
            if (description == null) {
                throw new IllegalArgumentException("the certificate is neither registered nor registrable");
            }
            arn = description.certificateArn();
        }
        api.attachThingPrincipal(thing, arn);
        return new Step(List.of(arn), true);
    }

    /** As AWS IoT and the Greengrass client-device auth component name a certificate: SHA-256 of its DER, hex. */
    static String certificateId(String pem) {
        try {
            byte[] der = Pem.certificate(pem).getEncoded();
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(der));
        } catch (CertificateEncodingException | NoSuchAlgorithmException | RuntimeException e) {
            throw new IllegalArgumentException("not a PEM X.509 certificate");
        }
    }

    private static long parseMark(String text) {
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            return 0; // a mark that is not ours: look at every certificate rather than risk a second one
        }
    }

    private static String shown(String source) {
        return source.startsWith("-----BEGIN") ? "the PEM text" : source;
    }
}
