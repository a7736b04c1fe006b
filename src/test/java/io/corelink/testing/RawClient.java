package io.corelink.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.http.ContentStreamProvider;

/**
 * Sends exactly the bytes a test wants over a plain socket (HTTP/1.1, one request per connection), signed with the
 * AWS SDK's own SigV4 signer unless the test asks otherwise; so malformed requests reach the server as written.
 */
public final class RawClient {
    private final URI endpoint;
    private final String accessKeyId;
    private final String secret;
    private final String region;

    RawClient(URI endpoint, String accessKeyId, String secret, String region) {
        this.endpoint = endpoint;
        this.accessKeyId = accessKeyId;
        this.secret = secret;
        this.region = region;
    }

    /** A client for a server that is not a {@link TestServer}. */
    public URI endpoint() {
        return endpoint;
    }

    public static RawClient forTest(URI endpoint, String accessKeyId, String secret, String region) {
        return new RawClient(endpoint, accessKeyId, secret, region);
    }

    /** A request to build: method, raw path (as sent), raw query, body. */
    public Builder request(String method, String rawPathAndQuery) {
        return new Builder(method, rawPathAndQuery);
    }

    public final class Builder {
        private final String method;
        private final String pathAndQuery;
        private byte[] body = new byte[0];
        private String service = "iot";
        private String signingRegion = region;
        private String secretKey = secret;
        private String keyId = accessKeyId;
        private Instant signingTime;
        private boolean sign = true;
        private boolean chunked;
        private boolean unsignedPayload;

        private final Map<String, String> headers = new LinkedHashMap<>();

        private Builder(String method, String pathAndQuery) {
            this.method = method;
            this.pathAndQuery = pathAndQuery;
        }

        public Builder body(String json) {
            this.body = json.getBytes(StandardCharsets.UTF_8);
            headers.putIfAbsent("Content-Type", "application/json");
            return this;
        }

        public Builder body(byte[] bytes) {
            this.body = bytes;
            return this;
        }

        public Builder service(String signingService) {
            this.service = signingService;
            return this;
        }

        public Builder region(String scopeRegion) {
            this.signingRegion = scopeRegion;
            return this;
        }

        public Builder credentials(String id, String secretAccessKey) {
            this.keyId = id;
            this.secretKey = secretAccessKey;
            return this;
        }

        public Builder signedAt(Instant time) {
            this.signingTime = time;
            return this;
        }

        /** Sends the body with {@code Transfer-Encoding: chunked} instead of a Content-Length. */
        public Builder chunked() {
            this.chunked = true;
            return this;
        }

        /** Signs with {@code x-amz-content-sha256: UNSIGNED-PAYLOAD}, as clients may over TLS. */
        public Builder unsignedPayload() {
            this.unsignedPayload = true;
            return this;
        }

        public Builder unsigned() {
            this.sign = false;
            return this;
        }

        public Builder header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        public RawResponse send() {
            Map<String, String> all = new LinkedHashMap<>();
            all.put("Host", endpoint.getHost() + ":" + endpoint.getPort());
            all.putAll(headers);
            if (sign) {
                all.putAll(signatureHeaders(all));
            }
            return RawResponse.exchange(endpoint, method, pathAndQuery, all, body, chunked);
        }

        private Map<String, String> signatureHeaders(Map<String, String> current) {
            String path = pathAndQuery;
            String query = null;
            int q = path.indexOf('?');
            if (q >= 0) {
                query = path.substring(q + 1);
                path = path.substring(0, q);
            }
            SdkHttpRequest.Builder request = SdkHttpRequest.builder()
                    .method(SdkHttpMethod.fromValue(method))
                    // The protocol is not signed; https lets the SDK signer leave the payload unsigned when asked.
                    .protocol(unsignedPayload ? "https" : "http").host(endpoint.getHost()).port(endpoint.getPort())
                    .encodedPath(path);
            if (query != null) {
                for (String pair : query.split("&")) {
                    int eq = pair.indexOf('=');
                    String k = java.net.URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                    String v = eq < 0 ? "" : java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                    request.appendRawQueryParameter(k, v);
                }
            }
            current.forEach((k, v) -> {
                if (!k.equalsIgnoreCase("Host")) {
                    request.putHeader(k, v);
                }
            });
            Clock clock = signingTime == null ? Clock.systemUTC() : Clock.fixed(signingTime, java.time.ZoneOffset.UTC);
            SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r
                    .identity(AwsCredentialsIdentity.create(keyId, secretKey))
                    .request(request.build())
                    .payload(ContentStreamProvider.fromByteArray(body))
                    .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                    .putProperty(AwsV4HttpSigner.REGION_NAME, signingRegion)
                    .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, !unsignedPayload)
                    .putProperty(software.amazon.awssdk.http.auth.spi.signer.HttpSigner.SIGNING_CLOCK, clock));
            Map<String, String> added = new LinkedHashMap<>();
            signed.request().headers().forEach((k, v) -> {
                if (!k.equalsIgnoreCase("Host") && !current.containsKey(k)) {
                    added.put(k, v.get(0));
                }
            });
            return added;
        }
    }

    /** What came back: status, headers (lower-case names) and body. */
    public record RawResponse(int status, Map<String, String> headers, String body) {

        public String header(String name) {
            return headers.get(name.toLowerCase(java.util.Locale.ROOT));
        }

        static RawResponse exchange(URI endpoint, String method, String pathAndQuery, Map<String, String> headers,
                                    byte[] body, boolean chunked) {
            try (Socket socket = new Socket(endpoint.getHost(), endpoint.getPort())) {
                socket.setSoTimeout(10_000);
                StringBuilder head = new StringBuilder();
                head.append(method).append(' ').append(pathAndQuery).append(" HTTP/1.1\r\n");
                headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
                if (chunked) {
                    head.append("Transfer-Encoding: chunked\r\n");
                } else if (body.length > 0 || method.equals("POST") || method.equals("PUT") || method.equals("PATCH")) {
                    head.append("Content-Length: ").append(body.length).append("\r\n");
                }
                head.append("Connection: close\r\n\r\n");
                OutputStream out = socket.getOutputStream();
                out.write(head.toString().getBytes(StandardCharsets.UTF_8));
                try {
                    if (chunked) {
                        out.write((Integer.toHexString(body.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                        out.write(body);
                        out.write("\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    } else {
                        out.write(body);
                    }
                    out.flush();
                } catch (IOException e) {
                    // The server may answer (413) and close before reading everything; read what it said.
                }
                return parse(socket.getInputStream());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        /** Sends {@code raw} exactly as given (a malformed request line or body, say) and reads the answer. */
        public static RawResponse sendRaw(URI endpoint, String raw) {
            try (Socket socket = new Socket(endpoint.getHost(), endpoint.getPort())) {
                socket.setSoTimeout(10_000);
                OutputStream out = socket.getOutputStream();
                out.write(raw.getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                return parse(socket.getInputStream());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        private static RawResponse parse(InputStream in) throws IOException {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int split = text.indexOf("\r\n\r\n");
            String[] lines = text.substring(0, split).split("\r\n");
            int status = Integer.parseInt(lines[0].split(" ")[1]);
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(java.util.Locale.ROOT),
                        lines[i].substring(colon + 1).trim());
            }
            return new RawResponse(status, headers, text.substring(split + 4));
        }
    }
}
