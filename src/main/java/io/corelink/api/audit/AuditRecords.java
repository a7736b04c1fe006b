package io.corelink.api.audit;

import io.corelink.domain.Account;
import io.corelink.domain.audit.AuditRecord;
import io.corelink.domain.iam.IamUser;
import io.corelink.service.CallerIdentities;
import io.corelink.wire.error.ServiceFamily;
import io.corelink.wire.json.Json;
import io.corelink.wire.pipeline.Call;
import java.time.Clock;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Makes the CloudTrail-shaped record of a call (operations.md §3; CloudTrail's record contents, eventVersion 1.11):
 * {@code userIdentity} is the account's root, an IAM user, a certificate (data plane), or {@code Unknown} for a key
 * that is not an active key of this deployment; {@code responseElements} is null (see decision 0018). Never a secret:
 * the request parameters come with theirs hidden, and the caller's secret key is not part of a {@code Caller}'s JSON.
 * A record is kept as its facts ({@link #change}, {@link #refusal}) and made into CloudTrail's JSON when it is read
 * ({@link #render}), so that writing it costs a change next to nothing.
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

    /**
     * The most of a refused call's parameters a record keeps (characters): a refused request may carry up to a
     * megabyte nobody checked, and its record waits in memory for its turn to be written.
     */
    static final int MAX_REFUSED_PARAMETERS = 4_096;

    /** The record of a call that changed something and succeeded. */
    AuditRecord change(Call call) {
        return record(call, null, null, true);
    }

    /** The record of a refused call: its error code and the message the client got. */
    AuditRecord refusal(Call call, String errorCode, @Nullable String errorMessage) {
        return record(call, errorCode, errorMessage, false);
    }

    private AuditRecord record(Call call, @Nullable String errorCode, @Nullable String errorMessage,
                               boolean changed) {
        Identity identity = identify(call);
        String parameters = identity.authenticated() ? call.requestParameters(changed) : null;
        if (!changed && parameters != null && parameters.length() > MAX_REFUSED_PARAMETERS) {
            parameters = "{\"truncated\":true}";
        }
        return new AuditRecord(0, UUID.randomUUID().toString(), clock.instant(), eventSource(call.family()),
                call.operation(), identity.principal(), identity.arn(), identity.json().toString(), call.sourceIp(),
                call.userAgent(), call.requestId(), AuditTrail.isReadOnly(call), errorCode,
                errorMessage == null ? null : bounded(errorMessage), parameters);
    }

    private static String bounded(String message) {
        return message.length() > MAX_REFUSED_PARAMETERS ? message.substring(0, MAX_REFUSED_PARAMETERS) : message;
    }

    /** The CloudTrail record of a stored record, member by member in CloudTrail's order. */
    static ObjectNode render(Account account, AuditRecord record) {
        ObjectNode json = Json.object();
        json.put("eventVersion", EVENT_VERSION);
        json.set("userIdentity", parsed(record.userIdentity()));
        json.put("eventTime", DateTimeFormatter.ISO_INSTANT.format(record.eventTime().truncatedTo(ChronoUnit.SECONDS)));
        json.put("eventSource", record.eventSource());
        json.put("eventName", record.eventName());
        json.put("awsRegion", account.region());
        json.put("sourceIPAddress", record.sourceIp());
        json.put("userAgent", record.userAgent());
        json.set("requestParameters", parsed(record.requestParameters()));
        json.putNull("responseElements");
        if (record.errorCode() != null) {
            json.put("errorCode", record.errorCode());
            if (record.errorMessage() != null) {
                json.put("errorMessage", record.errorMessage());
            }
        }
        json.put("requestID", record.requestId());
        json.put("eventID", record.eventId());
        json.put("readOnly", record.readOnly());
        json.put("eventType", "AwsApiCall");
        json.put("managementEvent", true);
        json.put("recipientAccountId", account.accountId());
        json.put("eventCategory", "Management");
        return json;
    }

    /** A stored JSON member; null when there is none or it does not parse (a refused request's malformed body). */
    private static @Nullable JsonNode parsed(@Nullable String text) {
        if (text == null) {
            return null;
        }
        try {
            return Json.parse(text.getBytes(StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            return null;
        }
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
