package io.corelink.api.events;

import io.corelink.domain.Account;
import io.corelink.domain.event.StoredChange;
import io.corelink.service.ChangeEvents;
import io.corelink.wire.json.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code serve --event-webhook URL} (operations.md §4): POSTs the change events, in stream order, in batches of up to
 * {@link #BATCH} changes, as {@code {"events":[…],"cursor":"…"}} with {@code X-Corelink-Signature: sha256=<hex HMAC
 * of the body with the deployment's webhook secret>}. A batch is sent until the endpoint answers 2xx, with growing
 * pauses (0.2 s doubling to 30 s, jittered); only then does the webhook's cursor, kept in the store, move past it.
 * So an event is never skipped nor sent out of order, a batch may arrive more than once (after a failure, or a
 * restart between the answer and the cursor's move), and a dead endpoint holds its own cursor, nobody else's.
 *
 * <p>One thread a webhook. On several nodes, one node at a time delivers to a webhook (a lease in the store, renewed
 * while it delivers, taken over when it expires).
 */
public final class WebhookDelivery implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookDelivery.class);
    static final int BATCH = 100;
    static final String SIGNATURE = "X-Corelink-Signature";
    /** Longer than a delivery can take (connect 5 s, request 10 s), so that it cannot expire in the middle of one. */
    private static final Duration LEASE = Duration.ofSeconds(45);
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final long FIRST_PAUSE_MS = 200;
    private static final long LONGEST_PAUSE_MS = 30_000;

    private final ChangeEvents events;
    private final Account account;
    private final byte[] secret;
    private final String owner;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<Thread> threads = new ArrayList<>();
    private final List<URI> webhooks;
    /** Per webhook, the acknowledged cursor as its delivery thread last knew it (-1 until it knows). */
    private final java.util.concurrent.ConcurrentHashMap<String, Long> knownCursors =
            new java.util.concurrent.ConcurrentHashMap<>();
    private volatile boolean closed;

    /**
     * @param node this node's name for the delivery leases, the same across its restarts (so that a node that was
     *     killed takes its deliveries up again at once, not when its old lease expires)
     */
    public WebhookDelivery(ChangeEvents events, Account account, byte[] secret, List<URI> webhooks, String node) {
        this.owner = node;
        this.events = events;
        this.webhooks = List.copyOf(webhooks);
        this.account = account;
        this.secret = secret.clone();
        if (!webhooks.isEmpty()) {
            events.followHead(); // for pending(), while a delivery is under way and nobody waits
        }
        for (URI webhook : webhooks) {
            register(webhook);
            Thread thread = new Thread(() -> deliver(webhook), "corelink-webhook-" + threads.size());
            thread.setDaemon(true);
            threads.add(thread);
        }
        threads.forEach(Thread::start);
    }

    /**
     * Gives a new webhook its cursor, the stream's head, before the server takes its first change ({@code --init}'s
     * included), so that it is sent every change made after the start. A known webhook keeps its cursor. When the
     * store does not answer now, the delivery thread registers it once the store answers, from the head as it is then
     * (changes made meanwhile are not sent to a new webhook; a known one loses nothing).
     */
    private void register(URI webhook) {
        try {
            cursorOf(webhook.toString());
        } catch (RuntimeException e) {
            LOG.warn("webhook {}: its cursor cannot be read yet ({}); its delivery retries", shown(webhook),
                    e.getMessage());
        }
    }

    /** The webhook's stored cursor, noted as known: a new webhook's is the stream's head, stored now. */
    private long cursorOf(String url) {
        long cursor = events.webhookCursor(url, events.latest());
        knownCursors.put(url, cursor);
        return cursor;
    }

    /**
     * How far the slowest webhook is behind: the positions between its acknowledged cursor and the stream's head, both
     * as this node last saw them (no store read: a scrape must answer while the store is down). On a node that does
     * not hold a webhook's lease the cursor is the one it read when the lease was last refused (at most 15 s old).
     */
    public long pending() {
        long head = events.head();
        long behind = 0;
        for (URI webhook : webhooks) {
            long cursor = knownCursors.getOrDefault(webhook.toString(), -1L);
            behind = Math.max(behind, cursor < 0 ? 0 : head - cursor);
        }
        return behind;
    }

    private void deliver(URI webhook) {
        String url = webhook.toString();
        String shown = shown(webhook);
        long pause = 0;
        long cursor = knownCursors.getOrDefault(url, -1L);
        while (!closed) {
            try {
                if (pause > 0) {
                    Thread.sleep(pause / 2 + ThreadLocalRandom.current().nextLong(pause / 2 + 1));
                }
                if (cursor < 0) {
                    cursor = cursorOf(url);
                }
                List<StoredChange> changes = events.await(cursor, BATCH, WAIT);
                if (changes.isEmpty()) {
                    pause = 0;
                    continue;
                }
                // The lease is taken (or renewed) right before each delivery, for longer than a delivery can take.
                if (!events.leaseWebhook(url, owner, LEASE)) {
                    knownCursors.put(url, events.storedWebhookCursor(url));
                    pause = LEASE.toMillis() / 3; // another node delivers to this webhook now
                    continue;
                }
                long stored = events.storedWebhookCursor(url);
                if (stored > cursor) {
                    cursor = stored;
                    knownCursors.put(url, cursor);
                    pause = 0;
                    continue; // another node delivered these meanwhile
                }
                long last = changes.get(changes.size() - 1).position();
                byte[] body = body(changes, last);
                int status = post(webhook, body);
                if (status / 100 != 2) {
                    LOG.warn("webhook {} answered {} to a batch of {} changes; it is sent again", shown, status,
                            changes.size());
                    pause = nextPause(pause);
                    continue;
                }
                events.advanceWebhook(url, owner, last);
                cursor = last;
                knownCursors.put(url, cursor);
                pause = 0;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (java.io.IOException e) {
                LOG.warn("webhook {} cannot be reached ({}); the batch is sent again", shown,
                        e.getClass().getSimpleName());
                pause = nextPause(pause);
            } catch (RuntimeException e) {
                LOG.warn("webhook {}: delivery failed ({}); retrying", shown, e.getMessage());
                pause = nextPause(pause);
            }
        }
    }

    /** The webhook as logs show it: without its query, which may carry a token. */
    private static String shown(URI webhook) {
        return webhook.getScheme() + "://" + webhook.getHost() + (webhook.getPort() < 0 ? "" : ":" + webhook.getPort())
                + (webhook.getRawPath() == null ? "" : webhook.getRawPath());
    }

    private static long nextPause(long pause) {
        return pause == 0 ? FIRST_PAUSE_MS : Math.min(LONGEST_PAUSE_MS, pause * 2);
    }

    private byte[] body(List<StoredChange> changes, long last) {
        ObjectNode body = Json.object();
        ArrayNode list = body.putArray("events");
        for (StoredChange change : changes) {
            EventJson.render(change, account).forEach(list::add);
        }
        body.put("cursor", Long.toString(last));
        return Json.write(body);
    }

    private int post(URI webhook, byte[] body) throws java.io.IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(webhook).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .header(SIGNATURE, "sha256=" + signature(secret, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** The hex HMAC-SHA256 of {@code body} with {@code secret}: what a receiver compares the header with. */
    public static String signature(byte[] secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    @Override
    public void close() {
        closed = true;
        threads.forEach(Thread::interrupt);
        for (Thread thread : threads) {
            try {
                thread.join(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
