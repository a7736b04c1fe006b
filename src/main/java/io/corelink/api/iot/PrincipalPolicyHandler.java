package io.corelink.api.iot;

import io.corelink.domain.iotpolicy.PolicyName;
import io.corelink.service.IotPolicyService;
import io.corelink.wire.error.ServiceFamily;
import io.corelink.wire.http.ApiRequest;
import io.corelink.wire.http.ApiResponse;
import io.corelink.wire.http.Operation;
import io.corelink.wire.http.Violations;
import io.corelink.wire.json.Json;

/**
 * The older {@code PUT}/{@code DELETE /principal-policies/{policyName}} with the principal in
 * {@code x-amzn-iot-principal}: AttachPrincipalPolicy and DetachPrincipalPolicy, the same as Attach/DetachPolicy
 * except that detaching an unknown policy is a 404 (the model gives DetachPrincipalPolicy one).
 */
public final class PrincipalPolicyHandler implements Operation {
    static final String PRINCIPAL_HEADER = "x-amzn-iot-principal";
    private final IotPolicyService policies;
    private final boolean attach;

    private PrincipalPolicyHandler(IotPolicyService policies, boolean attach) {
        this.policies = policies;
        this.attach = attach;
    }

    public static PrincipalPolicyHandler attaching(IotPolicyService policies) {
        return new PrincipalPolicyHandler(policies, true);
    }

    public static PrincipalPolicyHandler detaching(IotPolicyService policies) {
        return new PrincipalPolicyHandler(policies, false);
    }

    @Override
    public ApiResponse handle(ApiRequest request) {
        Violations violations = new Violations(ServiceFamily.IOT);
        PolicyName name = PolicyInput.policyName(violations, request);
        String principal = violations.required("principal", request.header(PRINCIPAL_HEADER), value -> value);
        violations.throwIfAny();
        if (attach) {
            policies.attach(name, principal);
        } else {
            policies.get(name);
            policies.detach(name, principal);
        }
        return ApiResponse.ok(Json.object());
    }
}
