package io.corelink.api.iot;

import io.corelink.service.IotPolicyService;
import io.corelink.wire.error.ServiceFamily;
import io.corelink.wire.http.ApiRequest;
import io.corelink.wire.http.ApiResponse;
import io.corelink.wire.http.Operation;
import io.corelink.wire.http.Violations;
import io.corelink.wire.paging.PageTokens;

/**
 * {@code POST /attached-policies/{target}?recursive&marker&pageSize}: the target certificate ARN arrives as one
 * percent-encoded label; policies by name. {@code recursive} concerns thing groups, which Corelink has none of.
 */
public final class ListAttachedPoliciesHandler implements Operation {
    private final IotPolicyService policies;
    private final PageTokens tokens;

    public ListAttachedPoliciesHandler(IotPolicyService policies, PageTokens tokens) {
        this.policies = policies;
        this.tokens = tokens;
    }

    @Override
    public ApiResponse handle(ApiRequest request) {
        Violations violations = new Violations(ServiceFamily.IOT);
        violations.bool("recursive", request.query().first("recursive"));
        return PolicyJson.policiesOf(violations, request, "ListAttachedPolicies", request.label("target"), true,
                policies, tokens);
    }
}
