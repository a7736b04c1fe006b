package io.corelink.api.audit;

import io.corelink.api.paging.Paging;
import io.corelink.domain.audit.AuditQuery;
import io.corelink.domain.audit.AuditRecord;
import io.corelink.domain.validation.Constraints;
import io.corelink.service.AuditLog;
import io.corelink.service.Page;
import io.corelink.wire.error.ServiceFamily;
import io.corelink.wire.http.ApiRequest;
import io.corelink.wire.http.ApiResponse;
import io.corelink.wire.http.Operation;
import io.corelink.wire.http.QueryParameters;
import io.corelink.wire.http.Violations;
import io.corelink.wire.json.Json;
import io.corelink.wire.paging.PageTokens;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code GET /corelink/v1/auditEvents} (operations.md §3; action {@code corelink:LookupAuditEvents}):
 * {@code {"events":[…records…],"nextToken":"…"}}, newest first, in keyset pages. Filters, all optional:
 * {@code startTime} and {@code endTime} (inclusive, in the whole seconds records show; ISO-8601 such as
 * {@code 2026-12-02T10:00:00Z}, or epoch seconds, as CloudTrail's LookupEvents takes them: {@link LookupTime}),
 * {@code eventName} (exact), {@code principal} (an access key id, certificate id or caller ARN, exact),
 * {@code maxResults} 1..50 (default 50, as LookupEvents). With the audit log turned off the list is empty.
 */
public final class AuditEventsHandler implements Operation {
    static final int DEFAULT_PAGE = 50;

    private final @Nullable AuditLog log;
    private final PageTokens tokens;
    private final io.corelink.domain.Account account;

    public AuditEventsHandler(@Nullable AuditLog log, PageTokens tokens, io.corelink.domain.Account account) {
        this.log = log;
        this.tokens = tokens;
        this.account = account;
    }

    @Override
    public ApiResponse handle(ApiRequest request) {
        QueryParameters query = request.query();
        Violations violations = new Violations(ServiceFamily.GREENGRASS);
        Instant start = violations.optional("startTime", query.first("startTime"), LookupTime::parse);
        Instant end = violations.optional("endTime", query.first("endTime"), LookupTime::parse);
        String eventName = violations.optional("eventName", query.first("eventName"), value -> text(value, 128));
        String principal = violations.optional("principal", query.first("principal"), value -> text(value, 2048));
        Integer maxResults = violations.integer("maxResults", query.first("maxResults"), 1, DEFAULT_PAGE);
        if (start != null && end != null && start.isAfter(end)) {
            violations.add("startTime", "Member must not be later than endTime", query.first("startTime"));
        }
        String scope = String.join("\u0000", "LookupAuditEvents", String.valueOf(start), String.valueOf(end),
                String.valueOf(eventName), String.valueOf(principal));
        Long before = violations.pageToken(tokens, "nextToken", scope, query.first("nextToken"), Long::valueOf);
        violations.throwIfAny();
        int limit = maxResults == null ? DEFAULT_PAGE : maxResults;
        Page<AuditRecord> page = log == null ? new Page<>(List.of(), false)
                : log.lookup(new AuditQuery(start == null ? null : LookupTime.startBound(start),
                        end == null ? null : LookupTime.endBound(end), eventName, principal), before, limit);
        ObjectNode response = Json.object();
        ArrayNode events = response.putArray("events");
        page.items().forEach(record -> events.add(AuditRecords.render(account, record)));
        Paging.addNextToken(response, "nextToken", tokens, scope, page, record -> Long.toString(record.sequence()));
        return ApiResponse.ok(response);
    }

    private static String text(String value, int max) {
        Constraints.length(value, 1, max);
        return value;
    }
}
