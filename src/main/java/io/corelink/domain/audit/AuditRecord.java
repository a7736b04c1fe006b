package io.corelink.domain.audit;

import java.time.Instant;
import java.util.Objects;

/**
 * One record of the audit log (operations.md §3): a change, a denial or a failed authentication, as the
 * CloudTrail-shaped JSON document it is served as, with the members lookups filter and page on beside it.
 *
 * @param principal the access key id or certificate id the caller presented ({@code "-"} when none)
 * @param principalArn the caller's ARN ({@code "-"} when the caller is unknown)
 * @param json the whole record; never holds a secret or a private key
 */
public record AuditRecord(String eventId, Instant eventTime, String eventName, String principal, String principalArn,
                          String json) {
    public AuditRecord {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(eventTime, "eventTime");
        Objects.requireNonNull(eventName, "eventName");
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(principalArn, "principalArn");
        Objects.requireNonNull(json, "json");
    }

    /** Where this record stands in the log's order (newest first), for keyset pages. */
    public AuditPosition position() {
        return new AuditPosition(eventTime.toEpochMilli(), eventId);
    }
}
