package io.corelink.api.iot;

import io.corelink.domain.iotpolicy.IotPolicy;
import io.corelink.domain.iotpolicy.PolicyName;
import io.corelink.service.IotPolicyService;
import io.corelink.wire.error.ServiceFamily;
import io.corelink.wire.http.ApiRequest;
import io.corelink.wire.http.ApiResponse;
import io.corelink.wire.http.Operation;
import io.corelink.wire.http.Violations;
import io.corelink.wire.json.Json;
import io.corelink.wire.json.JsonBody;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code POST /policies/{policyName}}: the document is validated as AWS does (400 {@code MalformedPolicyException}),
 * becomes version 1, the default; 409 {@code ResourceAlreadyExistsException} for a name in use.
 */
public final class CreatePolicyHandler implements Operation {
    private final IotPolicyService policies;

    public CreatePolicyHandler(IotPolicyService policies) {
        this.policies = policies;
    }

    @Override
    public ApiResponse handle(ApiRequest request) {
        Violations violations = new Violations(ServiceFamily.IOT);
        PolicyName name = PolicyInput.policyName(violations, request);
        JsonBody body = PolicyInput.body(request);
        String document = PolicyInput.document(violations, body);
        java.util.Map<String, String> tags = PolicyInput.tags(violations, body, "tags");
        if (tags.size() > IotPolicyService.MAX_TAGS) {
            violations.add("tags", "Member must have length less than or equal to " + IotPolicyService.MAX_TAGS,
                    tags.size() + " tags");
        }
        violations.throwIfAny();
        IotPolicy policy = policies.create(name, document, tags);
        ObjectNode response = Json.object();
        response.put("policyName", name.value());
        response.put("policyArn", policies.arnOf(name));
        response.put("policyDocument", policy.defaultDocument());
        response.put("policyVersionId", String.valueOf(policy.defaultVersionId()));
        return ApiResponse.ok(response);
    }
}
