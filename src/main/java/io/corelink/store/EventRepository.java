package io.corelink.store;

import io.corelink.domain.event.ChangeEvent;
import io.corelink.domain.event.StoredChange;
import java.time.Instant;
import java.util.List;

/**
 * The outbox of change events (operations.md §4) and the cursors of the webhooks that deliver them. Events are
 * written in the transaction of their change; their stream position is assigned in commit order (at once on SQLite,
 * whose one writer commits in order; by {@link io.corelink.store.Store#sequenceChanges} on PostgreSQL), and only an
 * event with a position is read.
 */
public interface EventRepository {
    /** Adds the events of one change. */
    void append(List<ChangeEvent> events);

    /** At most {@code limit} changes after {@code position}, in stream order. */
    List<StoredChange> after(long position, int limit);

    /** The position of the latest change in the stream; 0 when there is none. */
    long latestPosition();

    /** Deletes at most {@code limit} of the oldest changes older than {@code cutoff}, never the latest one. */
    int deleteOlderThan(Instant cutoff, int limit);

    /** The webhook's cursor, created at {@code initial} when the webhook is new. */
    long webhookCursor(String url, long initial);

    /** The webhook's cursor as stored; 0 when the webhook is new. */
    long storedWebhookCursor(String url);

    /**
     * Takes or renews the webhook's delivery lease for {@code owner} until {@code until}, unless another owner holds
     * an unexpired one: one node at a time delivers to a webhook, so that it never sees two deliveries interleaved.
     */
    boolean leaseWebhook(String url, String owner, Instant now, Instant until);

    /** Moves the webhook's cursor to {@code position}, if {@code owner} still holds its lease. */
    boolean advanceWebhook(String url, String owner, long position);
}
