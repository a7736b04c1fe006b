package io.corelink.app;

import io.corelink.api.corelink.MetricsHandler;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * What {@code --metrics-port} serves: {@code GET /_corelink/metrics} without authentication, for a Prometheus that
 * scrapes without signing; every other request is a 404. Nothing else is reachable there, so the port can be opened
 * to a monitoring network that must not reach the control plane.
 */
final class MetricsListener extends Handler.Abstract {
    static final String PATH = "/_corelink/metrics";
    private final Supplier<String> scrape;

    MetricsListener(Supplier<String> scrape) {
        this.scrape = scrape;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        boolean get = HttpMethod.GET.is(request.getMethod()) || HttpMethod.HEAD.is(request.getMethod());
        if (!get || !PATH.equals(request.getHttpURI().getPath())) {
            response.setStatus(HttpStatus.NOT_FOUND_404);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
            response.write(true, ByteBuffer.wrap("Not Found\n".getBytes(StandardCharsets.UTF_8)), callback);
            return true;
        }
        byte[] text = scrape.get().getBytes(StandardCharsets.UTF_8);
        response.setStatus(HttpStatus.OK_200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, MetricsHandler.CONTENT_TYPE);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, text.length);
        response.write(true, HttpMethod.HEAD.is(request.getMethod()) ? ByteBuffer.allocate(0) : ByteBuffer.wrap(text),
                callback);
        return true;
    }
}
