package io.corelink.api.iot;

import io.corelink.domain.iotpolicy.PolicyName;
import io.corelink.service.IotPolicyService;
import io.corelink.wire.error.ServiceFamily;
import io.corelink.wire.http.ApiRequest;
import io.corelink.wire.http.ApiResponse;
import io.corelink.wire.http.Operation;
import io.corelink.wire.http.Violations;
import io.corelink.wire.json.Json;

/** {@code DELETE /policies/{policyName}}: 409 {@code DeleteConflictException} while attached or with other versions. */
public final class DeletePolicyHandler implements Operation {
    private final IotPolicyService policies;

    public DeletePolicyHandler(IotPolicyService policies) {
        this.policies = policies;
    }

    @Override
    public ApiResponse handle(ApiRequest request) {
        Violations violations = new Violations(ServiceFamily.IOT);
        PolicyName name = PolicyInput.policyName(violations, request);
        violations.throwIfAny();
        policies.delete(name);
        return ApiResponse.ok(Json.object());
    }
}
