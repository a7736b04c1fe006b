package io.corelink.api.dataplane;

import io.corelink.wire.http.Permission;
import io.corelink.domain.certificate.CertificateId;
import io.corelink.policy.Decision;
import io.corelink.policy.NamedPolicy;
import io.corelink.policy.PolicyEvaluator;
import io.corelink.policy.RequestContext;
import io.corelink.service.DataPlaneCallers;
import io.corelink.wire.pipeline.AccessRefused;
import io.corelink.wire.pipeline.Call;
import io.corelink.wire.pipeline.Stage;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The data plane's authorization in {@code iot-policy} mode (access-control.md §3): a call needs its action on its
 * resource from an IoT policy attached to the presenting certificate. The policies come from the callers' cache (no
 * store round trip when cached, so a denial costs as little as an answer), and are evaluated per request, so that a
 * change is in effect on the next one. IoT's thing policy variables have no value on these calls, as on AWS.
 */
public final class IotPolicyAuthorization implements Stage {
    private final DataPlaneCallers callers;
    private final Clock clock;

    public IotPolicyAuthorization(DataPlaneCallers callers, Clock clock) {
        this.callers = callers;
        this.clock = clock;
    }

    @Override
    public void admit(Call call) {
        Permission permission = call.permission();
        if (permission == null) {
            return;
        }
        List<NamedPolicy> policies = callers.policiesOf(CertificateId.of(call.principal()));
        Instant now = clock.instant();
        Decision decision = PolicyEvaluator.evaluate(policies, RequestContext.builder(permission.action(),
                        permission.resource())
                .with("aws:SourceIp", call.sourceIp())
                .with("aws:CurrentTime", now.toString())
                .with("aws:EpochTime", String.valueOf(now.getEpochSecond()))
                .with("aws:SecureTransport", "true")
                .inapplicable("iot:Connection.Thing.")
                .build());
        if (!decision.allowed()) {
            throw new AccessRefused(reason(decision, permission, policies.size()));
        }
    }

    private static String reason(Decision decision, Permission permission, int attached) {
        if (decision.outcome() == Decision.Outcome.EXPLICIT_DENY) {
            return permission.action() + " on " + permission.resource() + " is denied by "
                    + Objects.requireNonNull(decision.statement()).label() + " of IoT policy " + decision.policyName();
        }
        return "no IoT policy attached to the certificate (" + attached + " attached) allows " + permission.action()
                + " on " + permission.resource();
    }
}
