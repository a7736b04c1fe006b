package io.corelink.api.iot;

import io.corelink.api.paging.Paging;
import io.corelink.domain.certificate.CertificateId;
import io.corelink.domain.thing.ThingName;
import io.corelink.service.Page;
import io.corelink.service.PrincipalService;
import io.corelink.wire.error.ServiceFamily;
import io.corelink.wire.http.ApiRequest;
import io.corelink.wire.http.ApiResponse;
import io.corelink.wire.http.Operation;
import io.corelink.wire.http.Violations;
import io.corelink.wire.json.Json;
import io.corelink.wire.paging.PageTokens;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code GET /things/{thingName}/principals}: certificate ARNs by certificate id, 1..250 a page (default 25). */
public final class ListThingPrincipalsHandler implements Operation {
    static final int DEFAULT_PAGE = 25;
    private final PrincipalService principals;
    private final PageTokens tokens;

    public ListThingPrincipalsHandler(PrincipalService principals, PageTokens tokens) {
        this.principals = principals;
        this.tokens = tokens;
    }

    @Override
    public ApiResponse handle(ApiRequest request) {
        Violations violations = new Violations(ServiceFamily.IOT);
        ThingName thing = ThingInput.thingName(violations, request);
        Integer maxResults = violations.integer("maxResults", request.query().first("maxResults"), 1, 250);
        String token = request.query().first("nextToken");
        CertificateId after = thing == null ? null
                : violations.pageToken(tokens, "nextToken", scope(thing), token, CertificateId::of);
        violations.throwIfAny();
        Page<CertificateId> page = principals.principalsOf(thing, after, maxResults == null ? DEFAULT_PAGE : maxResults);
        ObjectNode response = Json.object();
        ArrayNode items = response.putArray("principals");
        page.items().forEach(id -> items.add(principalArn(id)));
        Paging.addNextToken(response, "nextToken", tokens, scope(thing), page, CertificateId::value);
        return ApiResponse.ok(response);
    }

    private String principalArn(CertificateId id) {
        return principals.arnOf(id);
    }

    private static String scope(ThingName thing) {
        return "ListThingPrincipals\u0000" + thing.value();
    }
}
