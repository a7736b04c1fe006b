package io.corelink.api.iot;

import io.corelink.domain.iotpolicy.PolicyName;
import io.corelink.service.IotPolicyService;
import io.corelink.wire.error.ServiceFamily;
import io.corelink.wire.http.ApiRequest;
import io.corelink.wire.http.ApiResponse;
import io.corelink.wire.http.Operation;
import io.corelink.wire.http.Violations;
import io.corelink.wire.paging.PageTokens;

/** {@code POST /policy-targets/{policyName}?marker&pageSize}: the certificate ARNs it is attached to, by id. */
public final class ListTargetsForPolicyHandler implements Operation {
    private final IotPolicyService policies;
    private final PageTokens tokens;

    public ListTargetsForPolicyHandler(IotPolicyService policies, PageTokens tokens) {
        this.policies = policies;
        this.tokens = tokens;
    }

    @Override
    public ApiResponse handle(ApiRequest request) {
        Violations violations = new Violations(ServiceFamily.IOT);
        PolicyName name = PolicyInput.policyName(violations, request);
        return PolicyJson.targetsOf(violations, request, "ListTargetsForPolicy", "targets", name, true, policies,
                tokens);
    }
}
