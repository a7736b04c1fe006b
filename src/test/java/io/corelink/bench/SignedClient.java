package io.corelink.bench;

import io.corelink.wire.sigv4.SigV4Signer;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

/**
 * The load driver's client: signs every request itself (Corelink's SigV4 signer, checked against the SDK's) and
 * keeps one HTTP/1.1 connection alive, written to and read from directly. A general-purpose client (the JDK's, the
 * SDK's) spends more CPU per request than the server does on a short request, on the same two cores; this one spends
 * about what signing costs, so that the server, not the driver, is measured. Not thread-safe: one per driver thread.
 */
final class SignedClient implements AutoCloseable {
    private final URI endpoint;
    private final String key;
    private final String secret;
    private Socket socket;
    private OutputStream out;
    private InputStream in;

    SignedClient(URI endpoint, String key, String secret) {
        this.endpoint = endpoint;
        this.key = key;
        this.secret = secret;
    }

    /** Sends and returns the body; throws when the status is not 200. */
    String send(String method, String pathAndQuery, String body, String service) {
        return send(prepare(method, pathAndQuery, body, service));
    }

    /**
     * A request signed now and serialised, to be sent later (within the 15 minutes SigV4 allows): a measurement can
     * then time the server alone, with the driver's signing and marshalling done before it starts.
     */
    Prepared prepare(String method, String pathAndQuery, String body, String service) {
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        URI uri = endpoint.resolve(pathAndQuery);
        Map<String, String> headers = SigV4Signer.sign(method, uri, body == null ? Map.of()
                : Map.of("content-type", "application/json"), bytes, key, secret, "us-east-1", service, Instant.now());
        StringBuilder head = new StringBuilder(512).append(method).append(' ').append(pathAndQuery)
                .append(" HTTP/1.1\r\nhost: ").append(uri.getRawAuthority()).append("\r\ncontent-length: ")
                .append(bytes.length).append("\r\n");
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        byte[] headBytes = head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII);
        byte[] request = java.util.Arrays.copyOf(headBytes, headBytes.length + bytes.length);
        System.arraycopy(bytes, 0, request, headBytes.length, bytes.length);
        return new Prepared(method + " " + pathAndQuery, request);
    }

    /** Sends a prepared request and returns the body; throws when the status is not 200. */
    String send(Prepared prepared) {
        try {
            connect();
            out.write(prepared.bytes());
            out.flush();
            Response response = Response.read(in);
            if (response.status() != 200) {
                throw new IllegalStateException(prepared.description() + " answered " + response.status() + ": "
                        + response.body());
            }
            return response.body();
        } catch (IOException e) {
            close();
            throw new UncheckedIOException(e);
        }
    }

    /** Sends a prepared request and returns the status, whatever it is (the body is read and dropped). */
    int status(Prepared prepared) {
        try {
            connect();
            out.write(prepared.bytes());
            out.flush();
            return Response.read(in).status();
        } catch (IOException e) {
            close();
            throw new UncheckedIOException(e);
        }
    }

    record Prepared(String description, byte[] bytes) {
    }

    private void connect() throws IOException {
        if (socket == null) {
            socket = new Socket(endpoint.getHost(), endpoint.getPort());
            // As SDK clients do: without it, Nagle and delayed ACKs stall small requests by ~40 ms.
            socket.setTcpNoDelay(true);
            out = socket.getOutputStream();
            in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
        }
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
            socket = null;
        }
    }

    /** An HTTP/1.1 response with a {@code Content-Length} or chunked body. */
    record Response(int status, String body) {
        static Response read(InputStream in) throws IOException {
            String statusLine = line(in);
            int status = Integer.parseInt(statusLine.substring(9, 12));
            int length = -1;
            boolean chunked = false;
            for (String header = line(in); !header.isEmpty(); header = line(in)) {
                if (header.regionMatches(true, 0, "content-length:", 0, 15)) {
                    length = Integer.parseInt(header.substring(15).trim());
                } else if (header.regionMatches(true, 0, "transfer-encoding:", 0, 18)) {
                    chunked = header.toLowerCase(java.util.Locale.ROOT).contains("chunked");
                }
            }
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            if (chunked) {
                for (int size = Integer.parseInt(line(in).trim(), 16); size > 0;
                     size = Integer.parseInt(line(in).trim(), 16)) {
                    body.write(exactly(in, size));
                    line(in);
                }
                line(in);
            } else if (length > 0) {
                body.write(exactly(in, length));
            }
            return new Response(status, body.toString(StandardCharsets.UTF_8));
        }

        private static byte[] exactly(InputStream in, int length) throws IOException {
            byte[] bytes = in.readNBytes(length);
            if (bytes.length != length) {
                throw new IOException("connection closed in a body");
            }
            return bytes;
        }

        private static String line(InputStream in) throws IOException {
            StringBuilder line = new StringBuilder();
            for (int b = in.read(); b != '\n'; b = in.read()) {
                if (b < 0) {
                    throw new IOException("connection closed");
                }
                if (b != '\r') {
                    line.append((char) b);
                }
            }
            return line.toString();
        }
    }
}
