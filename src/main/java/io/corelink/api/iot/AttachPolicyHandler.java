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
 * {@code PUT /target-policies/{policyName}} with {@code {"target": certificateArn}} (attaching again changes nothing);
 * {@code POST} of the same detaches ({@link #detaching}). A thing-group ARN is a 400 {@code InvalidRequestException}.
 */
public final class AttachPolicyHandler implements Operation {
    private final IotPolicyService policies;
    private final boolean attach;

    private AttachPolicyHandler(IotPolicyService policies, boolean attach) {
        this.policies = policies;
        this.attach = attach;
    }

    public static AttachPolicyHandler attaching(IotPolicyService policies) {
        return new AttachPolicyHandler(policies, true);
    }

    public static AttachPolicyHandler detaching(IotPolicyService policies) {
        return new AttachPolicyHandler(policies, false);
    }

    @Override
    public ApiResponse handle(ApiRequest request) {
        Violations violations = new Violations(ServiceFamily.IOT);
        PolicyName name = PolicyInput.policyName(violations, request);
        String target = violations.required("target", PolicyInput.body(request).string("target"), value -> value);
        violations.throwIfAny();
        if (attach) {
            policies.attach(name, target);
        } else {
            policies.detach(name, target);
        }
        return ApiResponse.ok(Json.object());
    }
}
