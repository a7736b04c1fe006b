package io.corelink.fleet;

import io.corelink.pki.Pem;
import io.corelink.wire.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The data plane as a core device calls it (data-plane.md §3): over mutual TLS with the core's own certificate, the way
 * the Greengrass client-device auth component puts its CA certificates. Only what {@code corelink apply} needs.
 */
public final class CoreDataPlane {
    private final URI endpoint;
    private final TrustManager[] trust;

    /** @param trust whom to trust as the data plane's server (the deployment's root CA among them) */
    public CoreDataPlane(URI endpoint, TrustManager[] trust) {
        this.endpoint = endpoint;
        this.trust = trust.clone();
    }

    URI endpoint() {
        return endpoint;
    }

    /**
     * PutCertificateAuthorities as {@code core}, signed in with its key and certificate.
     *
     * @throws FleetApi.AwsError when the data plane refuses it
     * @throws FleetException    when it cannot be reached
     */
    void putCertificateAuthorities(String core, KeyPair keys, String certificatePem, List<String> authorities) {
        ObjectNode body = Json.object();
        ArrayNode certificates = body.putArray("coreDeviceCertificates");
        authorities.forEach(certificates::add);
        HttpRequest request = HttpRequest.newBuilder(endpoint.resolve("/greengrass/v2/coreDevices/"
                        + FleetApi.segment(core) + "/certificateAuthorities"))
                .timeout(Duration.ofSeconds(30)).header("content-type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(Json.write(body))).build();
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                .sslContext(context(keys, certificatePem)).build();
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            ControlPlaneClient.Answer answer = ControlPlaneClient.Answer.of(response);
            if (!answer.ok()) {
                throw new FleetApi.AwsError(answer);
            }
        } catch (IOException e) {
            throw new FleetException("cannot reach the data plane at " + endpoint + " (--data-plane-endpoint): "
                    + (e instanceof javax.net.ssl.SSLException || e.getCause() instanceof javax.net.ssl.SSLException
                    ? "the TLS handshake failed" : e.getClass().getSimpleName()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FleetException("interrupted");
        }
    }

    private SSLContext context(KeyPair keys, String certificatePem) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            char[] password = "corelink".toCharArray();
            store.setKeyEntry("core", keys.getPrivate(), password,
                    new Certificate[] {Pem.certificate(certificatePem)});
            KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keyManagers.init(store, password);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers.getKeyManagers(), trust, null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new FleetException("cannot use the core's key and certificate: " + e.getClass().getSimpleName());
        }
    }
}
