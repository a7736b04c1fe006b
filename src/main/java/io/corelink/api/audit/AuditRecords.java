package io.corelink.api.audit;

import io.corelink.domain.Account;
import io.corelink.domain.audit.AuditRecord;
import io.corelink.domain.iam.IamUser;
import io.corelink.service.CallerIdentities;
import io.corelink.wire.error.ServiceFamily;
import io.corelink.wire.json.Json;
import io.corelink.wire.pipeline.Call;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * Makes the CloudTrail-shaped record of a call (operations.md §3; CloudTrail's record contents, eventVersion 1.11):
 * {@code userIdentity} is the account's root, an IAM user, a certificate (data plane), or {@code Unknown} for a key
 * that is not an active key of this deployment; {@code responseElements} is null (see decision 0018). Never a secret:
 * the request parameters come with theirs hidden, and the caller's secret key is not part of a {@code Caller}'s JSON.
 */
final class AuditRecords {
    static final String EVENT_VERSION = "1.11";

    private final Account account;
    private final @Nullable CallerIdentities identities;
    private final Clock clock;

    /** @param identities the control plane's callers; null on the data plane, whose callers are certificates */
    AuditRecords(Account account, @Nullable CallerIdentities identities, Clock clock) {
        this.account = account;
        this.identities = identities;
        this.clock = clock;
    }

    /** The record of a call that changed something and succeeded. */
    AuditRecord change(Call call) {
        return record(call, null, null);
    }

    /** The record of a refused call: its error code and the message the client got. */
    AuditRecord refusal(Call call, String errorCode, @Nullable String errorMessage) {
        return record(call, errorCode, errorMessage);
    }

    private AuditRecord record(Call call, @Nullable String errorCode, @Nullable String errorMessage) {
        Instant now = clock.instant();
        String eventId = UUID.randomUUID().toString();
        ObjectNode json = Json.object();
        json.put("eventVersion", EVENT_VERSION);
        Identity identity = identify(call);
        json.set("userIdentity", identity.json());
        json.put("eventTime", DateTimeFormatter.ISO_INSTANT.format(now.truncatedTo(ChronoUnit.SECONDS)));
        json.put("eventSource", eventSource(call.family()));
        json.put("eventName", call.operation());
        json.put("awsRegion", account.region());
        json.put("sourceIPAddress", call.sourceIp());
        json.put("userAgent", call.userAgent());
        json.set("requestParameters", identity.authenticated() ? call.requestParameters() : null);
        json.putNull("responseElements");
        if (errorCode != null) {
            json.put("errorCode", errorCode);
            if (errorMessage != null) {
                json.put("errorMessage", errorMessage);
            }
        }
        json.put("requestID", call.requestId());
        json.put("eventID", eventId);
        json.put("readOnly", AuditTrail.isReadOnly(call));
        json.put("eventType", "AwsApiCall");
        json.put("managementEvent", true);
        json.put("recipientAccountId", account.accountId());
        json.put("eventCategory", "Management");
        return new AuditRecord(eventId, now, call.operation(), identity.principal(), identity.arn(),
                new String(Json.write(json), java.nio.charset.StandardCharsets.UTF_8));
    }

    static String eventSource(ServiceFamily family) {
        return family.signingName() + ".amazonaws.com";
    }

    /** Who called, as CloudTrail's {@code userIdentity} shows it, and the columns lookups filter on. */
    private record Identity(ObjectNode json, String principal, String arn, boolean authenticated) {
    }

    private Identity identify(Call call) {
        ObjectNode identity = Json.object();
        if ("data".equals(call.plane())) {
            String certificateId = call.principal();
            if ("-".equals(certificateId)) {
                identity.put("type", "Unknown");
                return new Identity(identity, "-", "-", false);
            }
            String arn = account.certificateArn(certificateId);
            identity.put("type", "Certificate");
            identity.put("principalId", certificateId);
            identity.put("arn", arn);
            identity.put("accountId", account.accountId());
            identity.put("certificateId", certificateId);
            return new Identity(identity, certificateId, arn, !call.authenticationFailed());
        }
        String keyId = !"-".equals(call.principal()) ? call.principal() : call.claimedKeyId();
        Optional<CallerIdentities.Caller> caller = keyId == null || identities == null ? Optional.empty()
                : identities.find(keyId);
        if (keyId == null || caller.isEmpty()) {
            identity.put("type", "Unknown");
            if (keyId != null) {
                identity.put("accessKeyId", keyId);
            }
            return new Identity(identity, keyId == null ? "-" : keyId, "-", false);
        }
        IamUser user = caller.get().user();
        identity.put("type", user == null ? "Root" : "IAMUser");
        identity.put("principalId", user == null ? account.accountId() : user.userId());
        identity.put("arn", caller.get().arn());
        identity.put("accountId", account.accountId());
        identity.put("accessKeyId", keyId);
        if (user != null) {
            identity.put("userName", user.name());
        }
        return new Identity(identity, keyId, caller.get().arn(), !call.authenticationFailed());
    }
}
