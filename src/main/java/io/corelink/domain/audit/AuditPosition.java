package io.corelink.domain.audit;

/**
 * A place in the audit log's order, newest first: by event time (epoch milliseconds), then by event id. A page
 * after a position holds the records that sort strictly after it.
 */
public record AuditPosition(long eventTimeMillis, String eventId) {
}
