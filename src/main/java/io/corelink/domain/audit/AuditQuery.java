package io.corelink.domain.audit;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * What a lookup of the audit log asks for; every filter is optional.
 *
 * @param start the earliest event time wanted (inclusive), or null
 * @param end the latest event time wanted (inclusive), or null
 * @param eventName an operation name, matched exactly, or null
 * @param principal an access key id, certificate id or caller ARN, matched exactly, or null
 */
public record AuditQuery(@Nullable Instant start, @Nullable Instant end, @Nullable String eventName,
                         @Nullable String principal) {
    public static final AuditQuery ALL = new AuditQuery(null, null, null, null);
}
