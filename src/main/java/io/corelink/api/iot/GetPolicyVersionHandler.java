package io.corelink.api.iot;

import io.corelink.domain.iotpolicy.IotPolicy;
import io.corelink.domain.iotpolicy.PolicyVersion;
import io.corelink.domain.iotpolicy.PolicyName;
import io.corelink.service.IotPolicyService;
import io.corelink.wire.http.ApiRequest;
import io.corelink.wire.http.ApiResponse;
import io.corelink.wire.http.Operation;
import io.corelink.wire.json.Json;
import tools.jackson.databind.node.ObjectNode;

/** {@code GET /policies/{policyName}/version/{policyVersionId}}: 404 for an unknown policy or version. */
public final class GetPolicyVersionHandler implements Operation {
    private final IotPolicyService policies;

    public GetPolicyVersionHandler(IotPolicyService policies) {
        this.policies = policies;
    }

    @Override
    public ApiResponse handle(ApiRequest request) {
        PolicyInput.VersionRef ref = PolicyInput.versionRef(request);
        PolicyName name = ref.name();
        PolicyVersion version = policies.version(name, ref.versionId());
        IotPolicy policy = policies.get(name);
        ObjectNode response = Json.object();
        response.put("policyArn", policies.arnOf(name));
        response.put("policyName", name.value());
        response.put("policyDocument", version.document());
        response.put("policyVersionId", String.valueOf(version.versionId()));
        response.put("isDefaultVersion", version.isDefault());
        response.put("creationDate", Json.timestamp(version.createdAt()));
        response.put("lastModifiedDate", Json.timestamp(version.createdAt()));
        response.put("generationId", policy.generationId());
        return ApiResponse.ok(response);
    }
}
