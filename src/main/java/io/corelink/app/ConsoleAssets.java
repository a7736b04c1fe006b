package io.corelink.app;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The web console's files (operations.md §8), {@code GET /console/…} on the control plane without a signature: a
 * page, its script modules and its style sheet, all from the jar (nothing from the internet). The page itself signs
 * every API call it makes with the key its user types, so it can do no more than that key may; these files hold
 * nothing secret. A strict Content-Security-Policy keeps the page to its own files and its own origin.
 *
 * <p>{@code /console} redirects to {@code /console/}; any other path under it is a 404; other methods a 405.
 */
final class ConsoleAssets extends Handler.Abstract {
    static final String PREFIX = "/console";
    private static final Map<String, String> FILES = Map.of(
            "/console/", "index.html",
            "/console/index.html", "index.html",
            "/console/app.js", "app.js",
            "/console/sigv4.js", "sigv4.js",
            "/console/api.js", "api.js",
            "/console/console.css", "console.css");
    private static final Map<String, String> TYPES = Map.of("html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8");
    private static final String POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "connect-src 'self'; img-src 'self' data:; form-action 'none'; frame-ancestors 'none'; "
            + "base-uri 'none'";

    private final Map<String, byte[]> contents;

    /** @param region the region the page signs for (the server's), written into the page */
    ConsoleAssets(String region) {
        java.util.HashMap<String, byte[]> loaded = new java.util.HashMap<>();
        for (String name : new java.util.TreeSet<>(FILES.values())) {
            byte[] bytes = read(name);
            if (name.equals("index.html")) {
                bytes = new String(bytes, StandardCharsets.UTF_8).replace("{{region}}", escape(region))
                        .getBytes(StandardCharsets.UTF_8);
            }
            loaded.put(name, bytes);
        }
        this.contents = Map.copyOf(loaded);
    }

    /** Whether a request path is the console's. */
    static boolean owns(String path) {
        return path.equals(PREFIX) || path.startsWith(PREFIX + "/");
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String path = request.getHttpURI().getPath();
        String method = request.getMethod();
        response.getHeaders().put("X-Content-Type-Options", "nosniff");
        response.getHeaders().put("Referrer-Policy", "no-referrer");
        if (!"GET".equals(method) && !"HEAD".equals(method)) {
            response.setStatus(405);
            response.getHeaders().put(HttpHeader.ALLOW, "GET, HEAD");
            callback.succeeded();
            return true;
        }
        if (path.equals(PREFIX)) {
            response.setStatus(301);
            response.getHeaders().put(HttpHeader.LOCATION, PREFIX + "/");
            callback.succeeded();
            return true;
        }
        String name = FILES.get(path);
        if (name == null) {
            response.setStatus(404);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
            response.write(true, ByteBuffer.wrap("not found\n".getBytes(StandardCharsets.UTF_8)), callback);
            return true;
        }
        byte[] body = java.util.Objects.requireNonNull(contents.get(name), name);
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, TYPES.getOrDefault(name.substring(name.lastIndexOf('.') + 1),
                "application/octet-stream"));
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache");
        response.getHeaders().put("Content-Security-Policy", POLICY);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, "HEAD".equals(method) ? ByteBuffer.allocate(0) : ByteBuffer.wrap(body), callback);
        return true;
    }

    private static byte[] read(String name) {
        try (InputStream in = ConsoleAssets.class.getResourceAsStream("/console/" + name)) {
            if (in == null) {
                throw new IllegalStateException("console/" + name + " is missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read console/" + name, e);
        }
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
