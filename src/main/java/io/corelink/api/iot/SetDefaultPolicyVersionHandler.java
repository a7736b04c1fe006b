package io.corelink.api.iot;

import io.corelink.service.IotPolicyService;
import io.corelink.wire.http.ApiRequest;
import io.corelink.wire.http.ApiResponse;
import io.corelink.wire.http.Operation;
import io.corelink.wire.json.Json;

/** {@code PATCH /policies/{policyName}/version/{policyVersionId}}: that version becomes the one in effect. */
public final class SetDefaultPolicyVersionHandler implements Operation {
    private final IotPolicyService policies;

    public SetDefaultPolicyVersionHandler(IotPolicyService policies) {
        this.policies = policies;
    }

    @Override
    public ApiResponse handle(ApiRequest request) {
        PolicyInput.VersionRef version = PolicyInput.versionRef(request);
        policies.setDefaultVersion(version.name(), version.versionId());
        return ApiResponse.ok(Json.object());
    }
}
