package io.corelink.domain.audit;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One record of the audit log (operations.md §3): a change, a denial or a failed authentication, as the facts
 * CloudTrail's record is made of. The JSON members ({@code userIdentity}, {@code requestParameters}) are kept as the
 * text they are served as; neither ever holds a secret or a private key.
 *
 * @param sequence the record's place in the log (ascending with insertion), or 0 before it is stored
 * @param principal the access key id or certificate id the caller presented ({@code "-"} when none)
 * @param principalArn the caller's ARN ({@code "-"} when the caller is unknown)
 * @param userIdentity CloudTrail's {@code userIdentity} object, as JSON
 * @param errorCode the error the client got, or null for a success
 * @param requestParameters CloudTrail's {@code requestParameters} object as JSON, or null when none is kept
 */
public record AuditRecord(long sequence, String eventId, Instant eventTime, String eventSource, String eventName,
                          String principal, String principalArn, String userIdentity, String sourceIp,
                          String userAgent, String requestId, boolean readOnly, @Nullable String errorCode,
                          @Nullable String errorMessage, @Nullable String requestParameters) {
    public AuditRecord {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(eventTime, "eventTime");
        Objects.requireNonNull(eventSource, "eventSource");
        Objects.requireNonNull(eventName, "eventName");
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(principalArn, "principalArn");
        Objects.requireNonNull(userIdentity, "userIdentity");
        Objects.requireNonNull(sourceIp, "sourceIp");
        Objects.requireNonNull(userAgent, "userAgent");
        Objects.requireNonNull(requestId, "requestId");
    }
}
