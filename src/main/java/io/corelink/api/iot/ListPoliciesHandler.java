package io.corelink.api.iot;

import io.corelink.api.paging.Paging;
import io.corelink.domain.iotpolicy.IotPolicy;
import io.corelink.domain.iotpolicy.PolicyName;
import io.corelink.domain.iotpolicy.PolicyPosition;
import io.corelink.service.IotPolicyService;
import io.corelink.service.Page;
import io.corelink.wire.error.ServiceFamily;
import io.corelink.wire.http.ApiRequest;
import io.corelink.wire.http.ApiResponse;
import io.corelink.wire.http.Operation;
import io.corelink.wire.http.Violations;
import io.corelink.wire.json.Json;
import io.corelink.wire.paging.PageTokens;
import java.time.Instant;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code GET /policies?marker&pageSize&isAscendingOrder}: by creation date then name, newest first unless ascending
 * (as ListCertificates); {@code pageSize} 1..250 (default 25).
 */
public final class ListPoliciesHandler implements Operation {
    private final IotPolicyService policies;
    private final PageTokens tokens;

    public ListPoliciesHandler(IotPolicyService policies, PageTokens tokens) {
        this.policies = policies;
        this.tokens = tokens;
    }

    @Override
    public ApiResponse handle(ApiRequest request) {
        Violations violations = new Violations(ServiceFamily.IOT);
        Integer pageSize = PolicyInput.pageSize(violations, request);
        boolean ascending = Boolean.TRUE.equals(violations.bool("isAscendingOrder",
                request.query().first("isAscendingOrder")));
        String scope = "ListPolicies\u0000" + ascending;
        PolicyPosition after = violations.pageToken(tokens, "marker", scope,
                request.query().first("marker"), ListPoliciesHandler::position);
        violations.throwIfAny();
        Page<IotPolicy> page = policies.list(ascending, after, pageSize == null ? PolicyInput.DEFAULT_PAGE : pageSize);
        ObjectNode response = Json.object();
        ArrayNode items = response.putArray("policies");
        page.items().forEach(policy -> PolicyJson.addListed(items, policy.name(), policies));
        Paging.addNextToken(response, "nextMarker", tokens, scope, page,
                last -> last.createdAt().toEpochMilli() + "/" + last.name().value());
        return ApiResponse.ok(response);
    }

    private static PolicyPosition position(String sealed) {
        int slash = sealed.indexOf('/');
        return new PolicyPosition(Instant.ofEpochMilli(Long.parseLong(sealed.substring(0, slash))),
                PolicyName.of(sealed.substring(slash + 1)));
    }
}
