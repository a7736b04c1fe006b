package io.corelink.api.iot;

import io.corelink.service.IotPolicyService;
import io.corelink.wire.error.ServiceFamily;
import io.corelink.wire.http.ApiRequest;
import io.corelink.wire.http.ApiResponse;
import io.corelink.wire.http.Operation;
import io.corelink.wire.http.Violations;
import io.corelink.wire.paging.PageTokens;

/**
 * {@code GET /principal-policies} with {@code x-amzn-iot-principal}: the older ListAttachedPolicies; by policy name,
 * descending unless {@code isAscendingOrder=true} (as every IoT listing with that flag here).
 */
public final class ListPrincipalPoliciesHandler implements Operation {
    private final IotPolicyService policies;
    private final PageTokens tokens;

    public ListPrincipalPoliciesHandler(IotPolicyService policies, PageTokens tokens) {
        this.policies = policies;
        this.tokens = tokens;
    }

    @Override
    public ApiResponse handle(ApiRequest request) {
        Violations violations = new Violations(ServiceFamily.IOT);
        String principal = violations.required("principal", request.header(PrincipalPolicyHandler.PRINCIPAL_HEADER),
                value -> value);
        boolean ascending = Boolean.TRUE.equals(violations.bool("isAscendingOrder",
                request.query().first("isAscendingOrder")));
        return PolicyJson.policiesOf(violations, request, "ListPrincipalPolicies", principal == null ? "" : principal,
                ascending, policies, tokens);
    }
}
