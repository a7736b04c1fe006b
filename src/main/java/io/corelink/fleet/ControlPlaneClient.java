package io.corelink.fleet;

import io.corelink.wire.json.Json;
import io.corelink.wire.sigv4.SigV4Signer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import javax.net.ssl.SSLContext;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A SigV4-signing client of a Corelink control plane, as an AWS SDK is one: one HTTP client (its connections kept
 * alive and shared by every caller thread), requests signed with the given key for the service of the call, and the
 * SDKs' standard retry of throttled and failed calls (429, 5xx, a {@code Throttling} error, a connection that
 * failed; at most 5 attempts, exponential backoff with jitter). Thread-safe.
 *
 * <p>An AWS error is an {@link Answer}, not an exception; an exception means no answer came.
 */
public final class ControlPlaneClient {
    private static final int ATTEMPTS = 5;
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final URI endpoint;
    private final String region;
    private final String accessKeyId;
    private final String secret;
    private final HttpClient http;
    private volatile long serverOffsetMillis;

    /** The server's answer: status, {@code x-amzn-ErrorType} without its {@code :}-suffix ("" on success), body. */
    public record Answer(int status, String errorType, String body) {
        /** An HTTP response as an answer: the error type without what follows its {@code :}. */
        static Answer of(HttpResponse<String> response) {
            String type = response.headers().firstValue("x-amzn-ErrorType").orElse("");
            int colon = type.indexOf(':');
            return new Answer(response.statusCode(), colon < 0 ? type : type.substring(0, colon), response.body());
        }

        public boolean ok() {
            return status / 100 == 2;
        }

        /** The body as JSON ({@code {}} when empty). @throws FleetException when it is not JSON */
        public JsonNode json() {
            try {
                return body.isEmpty() ? Json.object() : Json.parse(body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            } catch (RuntimeException e) {
                throw new FleetException("the server answered " + status + " with a body that is not JSON");
            }
        }

        /** The error as an AWS CLI shows it: {@code Type: message}. */
        public String error() {
            String message = "";
            if (!body.isEmpty() && body.charAt(0) == '{') {
                JsonNode text = json().path("message");
                message = text.isString() ? text.asString() : "";
            }
            String type = errorType.isEmpty() ? "HTTP " + status : errorType;
            return message.isEmpty() ? type : type + ": " + message;
        }
    }

    /**
     * @param endpoint the control plane's base URL ({@code http} or {@code https})
     * @param tls the trust for {@code https}; null for the JDK's default
     */
    public ControlPlaneClient(URI endpoint, String region, String accessKeyId, String secret, @Nullable SSLContext tls) {
        this.endpoint = endpoint;
        this.region = region;
        this.accessKeyId = accessKeyId;
        this.secret = secret;
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                .version(HttpClient.Version.HTTP_1_1);
        if (tls != null) {
            builder.sslContext(tls);
        }
        this.http = builder.build();
    }

    public URI endpoint() {
        return endpoint;
    }

    /** A JSON call; {@code body} null sends none. @throws IOException when no answer came after every attempt */
    public Answer call(String method, String service, String rawPath, @Nullable JsonNode body)
            throws IOException, InterruptedException {
        return send(method, service, rawPath, body == null ? new byte[0] : Json.write(body), Map.of());
    }

    /** A JSON call with headers of its own (an {@code x-amzn-principal}, say). */
    public Answer call(String method, String service, String rawPath, @Nullable JsonNode body,
                       Map<String, String> headers) throws IOException, InterruptedException {
        return send(method, service, rawPath, body == null ? new byte[0] : Json.write(body), headers);
    }

    /**
     * The server's clock as its last answer's {@code Date} showed it (whole seconds: truncated, so never ahead of
     * the server by more than the time since), or this machine's before any answer.
     */
    public Instant serverNow() {
        return Instant.now().plusMillis(serverOffsetMillis);
    }

    /**
     * One call, retried as the AWS SDKs retry it.
     *
     * @param rawPath the path and query, percent-encoded as they are sent
     * @throws IOException when no answer came after every attempt (the last failure)
     */
    public Answer send(String method, String service, String rawPath, byte[] body, Map<String, String> headers)
            throws IOException, InterruptedException {
        return send(method, service, rawPath, body, headers, true);
    }

    /**
     * A call that makes something new each time it is made (CreateCertificateFromCsr): sent again only when it
     * cannot have reached the server (no connection) or was answered with an error that changed nothing; a call
     * whose answer was lost (a timeout, a reset) is not sent again, since the server may have done it.
     */
    public Answer sendOnce(String method, String service, String rawPath, byte[] body)
            throws IOException, InterruptedException {
        return send(method, service, rawPath, body, Map.of(), false);
    }

    private Answer send(String method, String service, String rawPath, byte[] body, Map<String, String> headers,
                        boolean resendUnanswered) throws IOException, InterruptedException {
        for (int attempt = 1; ; attempt++) {
            Answer answer;
            try {
                answer = once(method, service, rawPath, body, headers);
            } catch (IOException e) {
                boolean unsent = e instanceof java.net.ConnectException;
                if (attempt == ATTEMPTS || (unsent && attempt >= 2) || (!unsent && !resendUnanswered)) {
                    throw e;
                }
                Thread.sleep(backoff(attempt));
                continue;
            }
            if (attempt == ATTEMPTS || !retryable(answer)) {
                return answer;
            }
            Thread.sleep(backoff(attempt));
        }
    }

    private Answer once(String method, String service, String rawPath, byte[] body, Map<String, String> extra)
            throws IOException, InterruptedException {
        URI uri = endpoint.resolve(rawPath);
        Map<String, String> toSign = new java.util.HashMap<>(extra);
        if (body.length > 0) {
            toSign.put("content-type", "application/json");
        }
        Map<String, String> headers = SigV4Signer.sign(method, uri, toSign, body, accessKeyId, secret, region,
                service, Instant.now());
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(TIMEOUT)
                .method(method, body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach((name, value) -> {
            if (!"content-length".equalsIgnoreCase(name)) {
                request.header(name, value);
            }
        });
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        response.headers().firstValue("date").ifPresent(this::noteServerClock);
        return Answer.of(response);
    }

    private void noteServerClock(String date) {
        try {
            Instant server = java.time.ZonedDateTime.parse(date, java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME)
                    .toInstant();
            serverOffsetMillis = server.toEpochMilli() - System.currentTimeMillis();
        } catch (java.time.format.DateTimeParseException e) {
            // a proxy's odd Date: keep the last good one
        }
    }

    private static boolean retryable(Answer answer) {
        return answer.status() == 429 || answer.status() >= 500 || answer.errorType().startsWith("Throttling")
                || answer.body().contains("<Code>Throttling</Code>");
    }

    /** Full jitter on 100 ms doubling, at most 5 s: the SDKs' standard mode. */
    private static long backoff(int attempt) {
        long ceiling = Math.min(5_000, 100L << attempt);
        return ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1);
    }
}
