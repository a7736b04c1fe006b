package io.corelink.bench;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * The start-up limit: a bare JDK HTTP server that answers {@code /_corelink/health} with 200 and nothing else, started
 * as its own JVM the same way Corelink is, so that "JVM start to first 200" has a floor to be compared with.
 */
public final class BareHealthServer {
    private BareHealthServer() {
    }

    public static void main(String[] args) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"),
                Integer.parseInt(args[0])), 16);
        server.createContext("/_corelink/health", exchange -> {
            byte[] body = "{\"status\":\"ok\"}".getBytes(StandardCharsets.US_ASCII);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }
}
