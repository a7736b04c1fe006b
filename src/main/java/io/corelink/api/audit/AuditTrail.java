package io.corelink.api.audit;

import io.corelink.domain.Account;
import io.corelink.service.AuditLog;
import io.corelink.service.CallerIdentities;
import io.corelink.wire.pipeline.Call;
import io.corelink.wire.pipeline.Stage;
import java.time.Clock;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The audit stage of a plane's pipeline (operations.md §3). Admitting a call that may change something binds its
 * record to the request, and the store writes it in the change's own transaction; recording a call that was denied
 * (403) or presented credentials that did not authenticate it queues its record. A call that failed otherwise, or
 * changed nothing, leaves none. Must be the last admitting stage: a call a later stage refused would hold a binding
 * until it is recorded (harmless, but pointless).
 */
public final class AuditTrail implements Stage {
    private static final List<String> READ_ONLY_PREFIXES = List.of("Get", "List", "Describe", "Discover", "Verify",
            "Lookup");
    /** A request without credentials is no authentication attempt: REST-JSON's and the query protocol's codes. */
    private static final java.util.Set<String> MISSING_CREDENTIALS = java.util.Set.of(
            "MissingAuthenticationTokenException", "MissingAuthenticationToken");

    private final AuditLog log;
    private final AuditRecords records;
    private final ThreadLocal<AuditLog.@Nullable Binding> bound = new ThreadLocal<>();

    /** @param identities the control plane's callers; null for the data plane, whose callers are certificates */
    public AuditTrail(AuditLog log, Account account, @Nullable CallerIdentities identities, Clock clock) {
        this.log = log;
        this.records = new AuditRecords(account, identities, clock);
    }

    /** Whether the call only reads: by HTTP method, else by the operation's name, as CloudTrail's {@code readOnly}. */
    static boolean isReadOnly(Call call) {
        if ("GET".equals(call.method()) || "HEAD".equals(call.method())) {
            return true;
        }
        String operation = call.operation();
        return READ_ONLY_PREFIXES.stream().anyMatch(operation::startsWith) || "DiscoveryDiagnosis".equals(operation);
    }

    @Override
    public void admit(Call call) {
        if (!isReadOnly(call)) {
            bound.set(log.bind(() -> records.change(call)));
        }
    }

    @Override
    public void record(Call call) {
        AuditLog.Binding binding = bound.get();
        boolean recorded = false;
        if (binding != null) {
            bound.remove();
            recorded = binding.recorded();
            binding.close();
        }
        if (recorded) {
            return;
        }
        if (call.authenticationFailed()) {
            String code = call.errorCode();
            log.append(records.refusal(call, code != null ? code : "InvalidClientCertificate",
                    code != null ? call.clientMessage() : call.reason()));
        } else if (call.status() == 403 && !MISSING_CREDENTIALS.contains(String.valueOf(call.errorCode()))) {
            String code = call.errorCode();
            log.append(records.refusal(call, code != null ? code
                    : call.family().isQuery() ? "AccessDenied" : "AccessDeniedException",
                    call.clientMessage() != null ? call.clientMessage() : call.reason()));
        }
    }
}
