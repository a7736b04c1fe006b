package io.corelink.testing;

import io.corelink.wire.json.Json;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import tools.jackson.databind.JsonNode;

/**
 * A real HTTP receiver of {@code --event-webhook} deliveries (a Jetty server on loopback): answers 500 to its first
 * {@code failures} POSTs, takes {@code delayMillis} over each, and keeps every body it received with its signature
 * header, in arrival order.
 */
public final class WebhookReceiver implements AutoCloseable {
    private final Server jetty = new Server();
    public final List<byte[]> received = new CopyOnWriteArrayList<>();
    public final List<String> signatures = new CopyOnWriteArrayList<>();
    public final AtomicInteger refused = new AtomicInteger();
    public final AtomicInteger arrivals = new AtomicInteger();

    public WebhookReceiver(int failures, long delayMillis) throws Exception {
        ServerConnector connector = new ServerConnector(jetty);
        connector.setHost("127.0.0.1");
        jetty.addConnector(connector);
        jetty.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                java.nio.ByteBuffer content = Content.Source.asByteBuffer(request);
                byte[] body = new byte[content.remaining()];
                content.get(body);
                arrivals.incrementAndGet();
                if (refused.get() < failures) {
                    refused.incrementAndGet();
                    response.setStatus(500);
                } else {
                    received.add(body);
                    signatures.add(request.getHeaders().get("X-Corelink-Signature"));
                    Thread.sleep(delayMillis);
                    response.setStatus(204);
                }
                callback.succeeded();
                return true;
            }
        });
        jetty.start();
    }

    public String url() {
        return "http://127.0.0.1:" + ((ServerConnector) jetty.getConnectors()[0]).getLocalPort() + "/hook";
    }

    /** Every event received, each event id once (its first arrival), in arrival order. */
    public List<JsonNode> distinctEvents() {
        Set<String> ids = new LinkedHashSet<>();
        List<JsonNode> events = new ArrayList<>();
        for (byte[] body : received) {
            for (JsonNode event : Json.parse(body).get("events")) {
                if (ids.add(event.get("eventId").asString())) {
                    events.add(event);
                }
            }
        }
        return events;
    }

    /** How many events were received in all, repeats included. */
    public int eventsReceived() {
        int count = 0;
        for (byte[] body : received) {
            count += Json.parse(body).get("events").size();
        }
        return count;
    }

    @Override
    public void close() throws Exception {
        jetty.stop();
    }
}
