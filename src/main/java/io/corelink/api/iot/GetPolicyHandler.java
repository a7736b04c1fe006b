package io.corelink.api.iot;

import io.corelink.domain.iotpolicy.PolicyName;
import io.corelink.service.IotPolicyService;
import io.corelink.wire.error.ServiceFamily;
import io.corelink.wire.http.ApiRequest;
import io.corelink.wire.http.ApiResponse;
import io.corelink.wire.http.Operation;
import io.corelink.wire.http.Violations;

/** {@code GET /policies/{policyName}}: the default version's document; 404 "Policy not found". */
public final class GetPolicyHandler implements Operation {
    private final IotPolicyService policies;

    public GetPolicyHandler(IotPolicyService policies) {
        this.policies = policies;
    }

    @Override
    public ApiResponse handle(ApiRequest request) {
        Violations violations = new Violations(ServiceFamily.IOT);
        PolicyName name = PolicyInput.policyName(violations, request);
        violations.throwIfAny();
        return ApiResponse.ok(PolicyJson.described(policies.get(name), policies));
    }
}
