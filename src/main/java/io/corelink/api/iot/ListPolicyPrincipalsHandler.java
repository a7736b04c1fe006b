package io.corelink.api.iot;

import io.corelink.domain.iotpolicy.PolicyName;
import io.corelink.service.IotPolicyService;
import io.corelink.wire.error.ServiceFamily;
import io.corelink.wire.http.ApiRequest;
import io.corelink.wire.http.ApiResponse;
import io.corelink.wire.http.Operation;
import io.corelink.wire.http.Violations;
import io.corelink.wire.paging.PageTokens;

/**
 * {@code GET /policy-principals} with {@code x-amzn-iot-policy}: the older ListTargetsForPolicy; certificate ARNs by
 * id, descending unless {@code isAscendingOrder=true}.
 */
public final class ListPolicyPrincipalsHandler implements Operation {
    private final IotPolicyService policies;
    private final PageTokens tokens;

    public ListPolicyPrincipalsHandler(IotPolicyService policies, PageTokens tokens) {
        this.policies = policies;
        this.tokens = tokens;
    }

    @Override
    public ApiResponse handle(ApiRequest request) {
        Violations violations = new Violations(ServiceFamily.IOT);
        PolicyName name = violations.required("policyName", request.header("x-amzn-iot-policy"), PolicyName::of);
        boolean ascending = Boolean.TRUE.equals(violations.bool("isAscendingOrder",
                request.query().first("isAscendingOrder")));
        return PolicyJson.targetsOf(violations, request, "ListPolicyPrincipals", "principals", name, ascending,
                policies, tokens);
    }
}
