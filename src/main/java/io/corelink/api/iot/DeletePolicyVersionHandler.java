package io.corelink.api.iot;

import io.corelink.service.IotPolicyService;
import io.corelink.wire.http.ApiRequest;
import io.corelink.wire.http.ApiResponse;
import io.corelink.wire.http.Operation;
import io.corelink.wire.json.Json;

/** {@code DELETE /policies/{policyName}/version/{policyVersionId}}: 409 for the default version. */
public final class DeletePolicyVersionHandler implements Operation {
    private final IotPolicyService policies;

    public DeletePolicyVersionHandler(IotPolicyService policies) {
        this.policies = policies;
    }

    @Override
    public ApiResponse handle(ApiRequest request) {
        PolicyInput.VersionRef version = PolicyInput.versionRef(request);
        policies.deleteVersion(version.name(), version.versionId());
        return ApiResponse.ok(Json.object());
    }
}
