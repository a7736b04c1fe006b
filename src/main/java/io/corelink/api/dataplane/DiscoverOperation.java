package io.corelink.api.dataplane;

import io.corelink.domain.Account;
import io.corelink.domain.coredevice.ConnectivityEndpoint;
import io.corelink.domain.discovery.DataPlaneCaller;
import io.corelink.domain.discovery.DiscoveredCore;
import io.corelink.domain.thing.ThingName;
import io.corelink.service.DiscoveryService;
import io.corelink.wire.http.ApiRequest;
import io.corelink.wire.http.ApiResponse;
import io.corelink.wire.json.Json;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code GET /greengrass/discover/thing/{thingName}}: one group per qualifying core device, names and casing exactly
 * as AWS sends them (real clients parse them case-sensitively); 403 {@code {"message":null,"traceId":…}} when the
 * caller's certificate is not attached to the thing; 404 {@code {"errorMessage":…}} when no core qualifies.
 */
public final class DiscoverOperation implements DataPlaneOperation {
    static final String NOT_FOUND = "The thing provided for discovery was not found";
    private final DiscoveryService discovery;
    private final Account account;

    public DiscoverOperation(DiscoveryService discovery, Account account) {
        this.discovery = discovery;
        this.account = account;
    }

    @Override
    public ApiResponse handle(ApiRequest request, DataPlaneCaller caller) {
        String thingName = request.label("thingName");
        Optional<ThingName> thing = ThingName.parse(thingName);
        DiscoveryService.Discovery found = thing.isEmpty() ? new DiscoveryService.Discovery.Forbidden()
                : discovery.discover(caller, thing.get());
        if (found instanceof DiscoveryService.Discovery.Found cores) {
            return ApiResponse.ok(cores.cores().rendered(this::document));
        }
        if (found instanceof DiscoveryService.Discovery.Forbidden) {
            return ApiResponse.refused(403, deniedBody(), "the certificate is not attached to thing " + thingName);
        }
        ObjectNode body = Json.object();
        body.put("errorMessage", NOT_FOUND);
        return ApiResponse.refused(404, body, "no core device associated with " + thingName
                + " has both connectivity information and a CA certificate");
    }

    /** What AWS answers a Discover it denies: 403, {@code {"message":null,"traceId":"<uuid>"}}. */
    static ApiResponse denied() {
        return new ApiResponse(403, deniedBody());
    }

    /** Discover over its rate limit: 429 in the shape of Discover's other refusals, with AWS's words. */
    static ApiResponse throttled() {
        ObjectNode body = Json.object();
        body.put("message", "Rate exceeded");
        body.put("traceId", UUID.randomUUID().toString());
        return new ApiResponse(429, body);
    }

    private static ObjectNode deniedBody() {
        ObjectNode body = Json.object();
        body.putNull("message");
        body.put("traceId", UUID.randomUUID().toString());
        return body;
    }

    private byte[] document(List<DiscoveredCore> discovered) {
        ObjectNode document = Json.object();
        ArrayNode groups = document.putArray("GGGroups");
        for (DiscoveredCore core : discovered) {
            ObjectNode group = groups.addObject();
            group.put("GGGroupId", "greengrassV2-coreDevice-" + core.core().value());
            ObjectNode coreNode = group.putArray("Cores").addObject();
            coreNode.put("thingArn", account.thingArn(core.core()));
            ArrayNode connectivity = coreNode.putArray("Connectivity");
            for (ConnectivityEndpoint endpoint : core.connectivity()) {
                connectivity.addObject()
                        .put("Id", endpoint.id() == null ? "" : endpoint.id())
                        .put("HostAddress", endpoint.hostAddress())
                        .put("PortNumber", endpoint.portNumber())
                        .put("Metadata", endpoint.metadata() == null ? "" : endpoint.metadata());
            }
            ArrayNode authorities = group.putArray("CAs");
            core.certificateAuthorities().forEach(authorities::add);
        }
        return Json.write(document);
    }
}
