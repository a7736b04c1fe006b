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
import io.corelink.wire.json.JsonBody;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code POST /policies/{policyName}/version?setAsDefault=B}: the next version id (ids are never reused); 409
 * {@code VersionsLimitExceededException} at five versions.
 */
public final class CreatePolicyVersionHandler implements Operation {
    private final IotPolicyService policies;

    public CreatePolicyVersionHandler(IotPolicyService policies) {
        this.policies = policies;
    }

    @Override
    public ApiResponse handle(ApiRequest request) {
        Violations violations = new Violations(ServiceFamily.IOT);
        PolicyName name = PolicyInput.policyName(violations, request);
        Boolean setAsDefault = violations.bool("setAsDefault", request.query().first("setAsDefault"));
        JsonBody body = PolicyInput.body(request);
        String document = PolicyInput.document(violations, body);
        violations.throwIfAny();
        PolicyVersion version = policies.createVersion(name, document, Boolean.TRUE.equals(setAsDefault));
        ObjectNode response = Json.object();
        response.put("policyArn", policies.arnOf(name));
        response.put("policyDocument", version.document());
        response.put("policyVersionId", String.valueOf(version.versionId()));
        response.put("isDefaultVersion", version.isDefault());
        return ApiResponse.ok(response);
    }
}
