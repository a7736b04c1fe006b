package io.corelink.api.iot;

import io.corelink.api.paging.Paging;
import io.corelink.domain.certificate.CertificateId;
import io.corelink.domain.iotpolicy.IotPolicy;
import io.corelink.domain.iotpolicy.PolicyName;
import io.corelink.service.IotPolicyService;
import io.corelink.service.Page;
import io.corelink.wire.http.ApiRequest;
import io.corelink.wire.http.ApiResponse;
import io.corelink.wire.http.Violations;
import io.corelink.wire.paging.PageTokens;
import io.corelink.wire.json.Json;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The JSON shapes of IoT policies in the model. */
final class PolicyJson {
    private PolicyJson() {
    }

    /** A {@code Policy} of a listing: name and ARN. */
    static void addListed(ArrayNode items, PolicyName name, IotPolicyService policies) {
        items.addObject().put("policyName", name.value()).put("policyArn", policies.arnOf(name));
    }

    /**
     * A page of a certificate's policies as ListAttachedPolicies and ListPrincipalPolicies answer it; the marker is
     * bound to the listing, the certificate and the order.
     */
    static ApiResponse policiesOf(Violations violations, ApiRequest request, String listing, String target,
                                  boolean ascending, IotPolicyService policies, PageTokens tokens) {
        Integer pageSize = PolicyInput.pageSize(violations, request);
        String scope = listing + "\u0000" + target + "\u0000" + ascending;
        PolicyName after = violations.pageToken(tokens, "marker", scope, request.query().first("marker"),
                PolicyName::of);
        violations.throwIfAny();
        Page<PolicyName> page = policies.policiesOf(target, ascending, after,
                pageSize == null ? PolicyInput.DEFAULT_PAGE : pageSize);
        ObjectNode response = Json.object();
        ArrayNode items = response.putArray("policies");
        page.items().forEach(name -> addListed(items, name, policies));
        Paging.addNextToken(response, "nextMarker", tokens, scope, page, PolicyName::value);
        return ApiResponse.ok(response);
    }

    /** A page of a policy's certificates as ListTargetsForPolicy and ListPolicyPrincipals answer it. */
    static ApiResponse targetsOf(Violations violations, ApiRequest request, String listing, String member,
                                 PolicyName name, boolean ascending, IotPolicyService policies, PageTokens tokens) {
        Integer pageSize = PolicyInput.pageSize(violations, request);
        String scope = listing + "\u0000" + name + "\u0000" + ascending;
        CertificateId after = violations.pageToken(tokens, "marker", scope, request.query().first("marker"),
                CertificateId::of);
        violations.throwIfAny();
        Page<CertificateId> page = policies.targetsOf(name, ascending, after,
                pageSize == null ? PolicyInput.DEFAULT_PAGE : pageSize);
        ObjectNode response = Json.object();
        ArrayNode items = response.putArray(member);
        page.items().forEach(id -> items.add(policies.arnOf(id)));
        Paging.addNextToken(response, "nextMarker", tokens, scope, page, CertificateId::value);
        return ApiResponse.ok(response);
    }

    /** GetPolicy's answer. */
    static ObjectNode described(IotPolicy policy, IotPolicyService policies) {
        ObjectNode body = Json.object();
        body.put("policyName", policy.name().value());
        body.put("policyArn", policies.arnOf(policy.name()));
        body.put("policyDocument", policy.defaultDocument());
        body.put("defaultVersionId", String.valueOf(policy.defaultVersionId()));
        body.put("creationDate", Json.timestamp(policy.createdAt()));
        body.put("lastModifiedDate", Json.timestamp(policy.lastModifiedAt()));
        body.put("generationId", policy.generationId());
        return body;
    }
}
