package io.corelink.api.iot;

import io.corelink.api.paging.Paging;
import io.corelink.domain.thing.Thing;
import io.corelink.domain.thing.ThingAttributes;
import io.corelink.domain.thing.ThingFilter;
import io.corelink.domain.thing.ThingName;
import io.corelink.service.Page;
import io.corelink.service.ThingService;
import io.corelink.wire.error.ServiceFamily;
import io.corelink.wire.http.ApiRequest;
import io.corelink.wire.http.ApiResponse;
import io.corelink.wire.http.Operation;
import io.corelink.wire.http.QueryParameters;
import io.corelink.wire.http.Violations;
import io.corelink.wire.json.Json;
import io.corelink.wire.paging.PageTokens;
import java.util.function.Function;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code GET /things}: ListThings, ordered by thing name, {@code maxResults} 1..250 (default 50), keyset pages whose
 * {@code nextToken} is bound to the filter it was issued for. Filtering on a thing type finds nothing: Corelink has
 * none.
 */
public final class ListThingsHandler implements Operation {
    static final int DEFAULT_PAGE = 50;
    static final int MAX_PAGE = 250;
    private final ThingService things;
    private final PageTokens tokens;

    public ListThingsHandler(ThingService things, PageTokens tokens) {
        this.things = things;
        this.tokens = tokens;
    }

    @Override
    public ApiResponse handle(ApiRequest request) {
        QueryParameters query = request.query();
        Violations violations = new Violations(ServiceFamily.IOT);
        Integer maxResults = violations.integer("maxResults", query.first("maxResults"), 1, MAX_PAGE);
        String attributeName = violations.optional("attributeName", query.first("attributeName"),
                checked(ThingAttributes::checkName));
        String attributeValue = violations.optional("attributeValue", query.first("attributeValue"),
                checked(ThingAttributes::checkValue));
        boolean prefix = Boolean.TRUE.equals(violations.bool("usePrefixAttributeValue",
                query.first("usePrefixAttributeValue")));
        ThingName thingType = violations.optional("thingTypeName", query.first("thingTypeName"), ThingName::of);
        if (attributeValue != null && attributeName == null && query.first("attributeName") == null) {
            violations.add("attributeName", "Member must not be null when attributeValue is given", null);
        }
        String token = query.first("nextToken");
        violations.throwIfAny();
        ThingFilter filter = new ThingFilter(attributeName, attributeValue, prefix);
        String scope = "ListThings\u0000" + filter.fingerprint() + "\u0000" + (thingType == null ? "" : thingType);
        ThingName after = violations.pageToken(tokens, "nextToken", scope, token, ThingName::of);
        violations.throwIfAny();
        int limit = maxResults == null ? DEFAULT_PAGE : maxResults;
        Page<Thing> page = thingType != null ? new Page<>(java.util.List.of(), false)
                : things.list(filter, after, limit);
        ObjectNode response = Json.object();
        ArrayNode items = response.putArray("things");
        page.items().forEach(thing -> items.add(ThingJson.listed(thing, things)));
        Paging.addNextToken(response, "nextToken", tokens, scope, page, thing -> thing.name().value());
        return ApiResponse.ok(response);
    }

    private static Function<String, String> checked(java.util.function.Consumer<String> check) {
        return value -> {
            check.accept(value);
            return value;
        };
    }
}
