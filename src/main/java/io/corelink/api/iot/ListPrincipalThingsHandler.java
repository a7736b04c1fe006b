package io.corelink.api.iot;

import io.corelink.api.paging.Paging;
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

/** {@code GET /principals/things} with {@code x-amzn-principal}: thing names in order, 1..250 a page (default 25). */
public final class ListPrincipalThingsHandler implements Operation {
    static final int DEFAULT_PAGE = 25;
    private final PrincipalService principals;
    private final PageTokens tokens;

    public ListPrincipalThingsHandler(PrincipalService principals, PageTokens tokens) {
        this.principals = principals;
        this.tokens = tokens;
    }

    @Override
    public ApiResponse handle(ApiRequest request) {
        Violations violations = new Violations(ServiceFamily.IOT);
        String principal = PrincipalInput.principal(violations, request);
        Integer maxResults = violations.integer("maxResults", request.query().first("maxResults"), 1, 250);
        String token = request.query().first("nextToken");
        ThingName after = principal == null ? null
                : violations.pageToken(tokens, "nextToken", scope(principal), token, ThingName::of);
        violations.throwIfAny();
        Page<ThingName> page = principals.thingsOf(principal, after, maxResults == null ? DEFAULT_PAGE : maxResults);
        ObjectNode response = Json.object();
        ArrayNode items = response.putArray("things");
        page.items().forEach(name -> items.add(name.value()));
        Paging.addNextToken(response, "nextToken", tokens, scope(principal), page, ThingName::value);
        return ApiResponse.ok(response);
    }

    private static String scope(String principal) {
        return "ListPrincipalThings\u0000" + principal;
    }
}
