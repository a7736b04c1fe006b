package io.corelink.api.greengrass;

import io.corelink.api.paging.Paging;
import io.corelink.domain.association.AssociatedClientDevice;
import io.corelink.domain.thing.ThingName;
import io.corelink.service.AssociationService;
import io.corelink.service.Page;
import io.corelink.wire.error.ServiceFamily;
import io.corelink.wire.http.ApiRequest;
import io.corelink.wire.http.ApiResponse;
import io.corelink.wire.http.Operation;
import io.corelink.wire.http.Violations;
import io.corelink.wire.json.Json;
import io.corelink.wire.paging.PageTokens;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code GET /greengrass/v2/coreDevices/{coreDeviceThingName}/associatedClientDevices}: ordered by thing name,
 * {@code maxResults} 1..100 (default 100), keyset pages whose {@code nextToken} only works for the same core device.
 */
public final class ListClientDevicesAssociatedWithCoreDeviceHandler implements Operation {
    static final int DEFAULT_PAGE = 100;
    private final AssociationService associations;
    private final PageTokens tokens;

    public ListClientDevicesAssociatedWithCoreDeviceHandler(AssociationService associations, PageTokens tokens) {
        this.associations = associations;
        this.tokens = tokens;
    }

    @Override
    public ApiResponse handle(ApiRequest request) {
        Violations violations = new Violations(ServiceFamily.GREENGRASS);
        String core = AssociationInput.coreDeviceThingName(violations, request);
        Integer maxResults = violations.integer("maxResults", request.query().first("maxResults"), 1, DEFAULT_PAGE);
        String token = request.query().first("nextToken");
        ThingName after = core == null ? null
                : violations.pageToken(tokens, "nextToken", scope(core), token, ThingName::of);
        violations.throwIfAny();
        Page<AssociatedClientDevice> page = associations.list(AssociationInput.thing(core), after,
                maxResults == null ? DEFAULT_PAGE : maxResults);
        ObjectNode response = Json.object();
        ArrayNode devices = response.putArray("associatedClientDevices");
        for (AssociatedClientDevice device : page.items()) {
            devices.addObject()
                    .put("thingName", device.thingName().value())
                    .put("associationTimestamp", Json.timestamp(device.associatedAt()));
        }
        Paging.addNextToken(response, "nextToken", tokens, scope(core), page, device -> device.thingName().value());
        return ApiResponse.ok(response);
    }

    private static String scope(String core) {
        return "ListClientDevicesAssociatedWithCoreDevice\u0000" + core;
    }
}
