package io.corelink.bench;

import io.corelink.wire.sigv4.SigV4Signer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Map;

/**
 * The load driver's client: signs every request itself (Corelink's SigV4 signer, checked against the SDK's) and
 * reuses connections (the JDK client keeps HTTP/1.1 connections alive), so that the server, not an SDK, is measured.
 */
final class SignedClient {
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final URI endpoint;
    private final String key;
    private final String secret;

    SignedClient(URI endpoint, String key, String secret) {
        this.endpoint = endpoint;
        this.key = key;
        this.secret = secret;
    }

    /** Sends and returns the body; throws when the status is not 200. */
    String send(String method, String pathAndQuery, String body, String service) {
        byte[] bytes = body == null ? new byte[0] : body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        URI uri = endpoint.resolve(pathAndQuery);
        Map<String, String> headers = SigV4Signer.sign(method, uri, body == null ? Map.of()
                : Map.of("content-type", "application/json"), bytes, key, secret, "us-east-1", service, Instant.now());
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).method(method, body == null
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(bytes));
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(method + " " + pathAndQuery + " answered " + response.statusCode()
                        + ": " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
