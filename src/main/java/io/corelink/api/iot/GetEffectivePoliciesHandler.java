package io.corelink.api.iot;

import io.corelink.domain.iotpolicy.IotPolicy;
import io.corelink.domain.thing.ThingName;
import io.corelink.service.IotPolicyService;
import io.corelink.wire.error.ServiceFamily;
import io.corelink.wire.http.ApiRequest;
import io.corelink.wire.http.ApiResponse;
import io.corelink.wire.http.Operation;
import io.corelink.wire.http.Violations;
import io.corelink.wire.json.Json;
import io.corelink.wire.json.JsonBody;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code POST /effective-policies?thingName} with {@code {"principal": certificateArn}}: the default versions of the
 * policies attached to the certificate. {@code thingName} would add thing-group policies, which Corelink has none of.
 */
public final class GetEffectivePoliciesHandler implements Operation {
    private final IotPolicyService policies;

    public GetEffectivePoliciesHandler(IotPolicyService policies) {
        this.policies = policies;
    }

    @Override
    public ApiResponse handle(ApiRequest request) {
        Violations violations = new Violations(ServiceFamily.IOT);
        violations.optional("thingName", request.query().first("thingName"), ThingName::of);
        JsonBody body = PolicyInput.body(request);
        String principal = violations.required("principal", body.string("principal"), value -> value);
        violations.throwIfAny();
        ObjectNode response = Json.object();
        ArrayNode items = response.putArray("effectivePolicies");
        for (IotPolicy policy : policies.effectivePolicies(principal)) {
            items.addObject()
                    .put("policyName", policy.name().value())
                    .put("policyArn", policies.arnOf(policy.name()))
                    .put("policyDocument", policy.defaultDocument());
        }
        return ApiResponse.ok(response);
    }
}
