package io.corelink.api.iot;

import io.corelink.domain.iotpolicy.PolicyVersion;
import io.corelink.domain.iotpolicy.PolicyName;
import io.corelink.service.IotPolicyService;
import io.corelink.wire.error.ServiceFamily;
import io.corelink.wire.http.ApiRequest;
import io.corelink.wire.http.ApiResponse;
import io.corelink.wire.http.Operation;
import io.corelink.wire.http.Violations;
import io.corelink.wire.json.Json;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code GET /policies/{policyName}/version}: every version (at most five), by id. */
public final class ListPolicyVersionsHandler implements Operation {
    private final IotPolicyService policies;

    public ListPolicyVersionsHandler(IotPolicyService policies) {
        this.policies = policies;
    }

    @Override
    public ApiResponse handle(ApiRequest request) {
        Violations violations = new Violations(ServiceFamily.IOT);
        PolicyName name = PolicyInput.policyName(violations, request);
        violations.throwIfAny();
        ObjectNode response = Json.object();
        ArrayNode items = response.putArray("policyVersions");
        for (PolicyVersion version : policies.versions(name)) {
            items.addObject()
                    .put("versionId", String.valueOf(version.versionId()))
                    .put("isDefaultVersion", version.isDefault())
                    .put("createDate", Json.timestamp(version.createdAt()));
        }
        return ApiResponse.ok(response);
    }
}
