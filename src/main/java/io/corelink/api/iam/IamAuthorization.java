package io.corelink.api.iam;

import io.corelink.domain.iam.IamUser;
import io.corelink.policy.Decision;
import io.corelink.policy.PolicyEvaluator;
import io.corelink.policy.RequestContext;
import io.corelink.service.CallerIdentities;
import io.corelink.service.ResourceTags;
import io.corelink.wire.error.AwsError;
import io.corelink.wire.error.AwsException;
import io.corelink.wire.http.Permission;
import io.corelink.wire.pipeline.AccessRefused;
import io.corelink.wire.pipeline.Call;
import io.corelink.wire.pipeline.Stage;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The control plane's authorization (access-control.md §5): the account's root (the administrator key) may do
 * everything; an IAM user's call needs an identity-based policy that allows its action on its resource and none that
 * denies it. Runs after SigV4 and routing, before the body is validated, on identities cached with their parsed
 * policies (no store round trip on the hot path); resource tags are read only when a policy asks for one. A refused
 * call changes nothing and gets AWS's AccessDenied sentence; {@code sts:GetCallerIdentity} is always allowed.
 */
public final class IamAuthorization implements Stage {
    private static final String ALWAYS_ALLOWED = "sts:GetCallerIdentity";
    private static final String RESOURCE_TAG = "aws:ResourceTag/";

    private final CallerIdentities identities;
    private final ResourceTags resourceTags;
    private final Clock clock;

    public IamAuthorization(CallerIdentities identities, ResourceTags resourceTags, Clock clock) {
        this.identities = identities;
        this.resourceTags = resourceTags;
        this.clock = clock;
    }

    @Override
    public void admit(Call call) {
        if ("-".equals(call.principal())) {
            return; // an operation served without a signature (health, readiness)
        }
        Optional<CallerIdentities.Caller> found = identities.find(call.principal());
        if (found.isEmpty()) {
            // Deactivated or deleted between the signature check and now: refused as the unknown key it has become.
            throw new AwsException(AwsError.UnrecognizedClientException,
                    "The security token included in the request is invalid.");
        }
        CallerIdentities.Caller caller = found.get();
        if (caller.isRoot()) {
            return;
        }
        Permission permission = call.permission();
        if (permission == null) {
            throw new AccessRefused(call.operation() + " may be called by the account's root only",
                    sentence(caller, "corelink:" + call.operation(), "*", false));
        }
        if (ALWAYS_ALLOWED.equalsIgnoreCase(permission.action())) {
            return;
        }
        require(call, caller, permission);
        for (String dependent : permission.dependentActions()) {
            require(call, caller, new Permission(dependent, permission.resource(), permission.context()));
        }
    }

    private void require(Call call, CallerIdentities.Caller caller, Permission permission) {
        Decision decision = PolicyEvaluator.evaluate(caller.policies(), context(call, caller, permission));
        if (!decision.allowed()) {
            boolean explicit = decision.outcome() == Decision.Outcome.EXPLICIT_DENY;
            throw new AccessRefused(reason(decision, caller, permission),
                    sentence(caller, permission.action(), permission.resource(), explicit));
        }
    }

    private RequestContext context(Call call, CallerIdentities.Caller caller, Permission permission) {
        Instant now = clock.instant();
        IamUser user = Objects.requireNonNull(caller.user());
        RequestContext.Builder context = RequestContext.builder(permission.action(), permission.resource())
                .with("aws:SourceIp", call.sourceIp())
                .with("aws:CurrentTime", now.toString())
                .with("aws:EpochTime", String.valueOf(now.getEpochSecond()))
                .with("aws:SecureTransport", String.valueOf(call.secure()))
                .with("aws:PrincipalArn", caller.arn())
                .with("aws:username", user.name())
                .with("aws:userid", user.userId())
                .inapplicable("iot:Connection.Thing.");
        for (Map.Entry<String, List<String>> key : permission.context().entrySet()) {
            context.withAll(key.getKey(), key.getValue());
        }
        String resource = permission.resource();
        if (!"*".equals(resource)) {
            context.resolving(RESOURCE_TAG, tagKey -> tagValue(resourceTags.of(resource), tagKey));
        }
        return context.build();
    }

    /** Tag keys in condition keys are matched whatever their case, as AWS does. */
    private static @org.jspecify.annotations.Nullable String tagValue(Map<String, String> tags, String key) {
        String exact = tags.get(key);
        if (exact != null) {
            return exact;
        }
        return tags.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(key)).map(Map.Entry::getValue)
                .findFirst().orElse(null);
    }

    /** AWS's AccessDenied wording for an identity-based decision. */
    static String sentence(CallerIdentities.Caller caller, String action, String resource, boolean explicit) {
        return "User: " + caller.arn() + " is not authorized to perform: " + action + " on resource: " + resource
                + (explicit ? " with an explicit deny in an identity-based policy"
                : " because no identity-based policy allows the " + action + " action");
    }

    private static String reason(Decision decision, CallerIdentities.Caller caller, Permission permission) {
        if (decision.outcome() == Decision.Outcome.EXPLICIT_DENY) {
            return permission.action() + " on " + permission.resource() + " is denied to " + caller.arn() + " by "
                    + Objects.requireNonNull(decision.statement()).label() + " of policy " + decision.policyName();
        }
        return "no policy of " + caller.arn() + " (" + caller.policies().size() + " in all) allows "
                + permission.action() + " on " + permission.resource();
    }
}
