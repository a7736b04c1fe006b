package io.corelink.api.dataplane;

import io.corelink.domain.Account;
import io.corelink.domain.coredevice.ConnectivityEndpoint;
import io.corelink.domain.discovery.DataPlaneCaller;
import io.corelink.domain.discovery.DiscoveredCore;
import io.corelink.service.DataPlaneService;
import io.corelink.wire.http.ApiRequest;
import io.corelink.wire.http.ApiResponse;
import io.corelink.wire.json.Json;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code GET /greengrass/discover/thing/{thingName}}: one group per qualifying core device, names and casing exactly
 * as AWS sends them (real clients parse them case-sensitively); 403 {@code {"message":null,"traceId":…}} when the
 * caller's certificate is not attached to the thing; 404 {@code {"errorMessage":…}} when no core qualifies.
 */
public final class DiscoverOperation implements DataPlaneOperation {
    static final String NOT_FOUND = "The thing provided for discovery was not found";
    private static final int MAX_DOCUMENTS = 100_000;
    private final DataPlaneService dataPlane;
    private final Account account;
    private final Map<Integer, Serialised> documents = new ConcurrentHashMap<>();

    private record Serialised(List<DiscoveredCore> cores, byte[] bytes) {
    }

    public DiscoverOperation(DataPlaneService dataPlane, Account account) {
        this.dataPlane = dataPlane;
        this.account = account;
    }

    @Override
    public ApiResponse handle(ApiRequest request, DataPlaneCaller caller) {
        DataPlaneService.Discovery discovery = dataPlane.discover(caller, request.label("thingName"));
        if (discovery instanceof DataPlaneService.Discovery.Found found) {
            return ApiResponse.ok(serialised(found.cores()));
        }
        ObjectNode body = Json.object();
        if (discovery instanceof DataPlaneService.Discovery.Forbidden) {
            body.putNull("message");
            body.put("traceId", UUID.randomUUID().toString());
            return ApiResponse.refused(403, body, "the certificate is not attached to thing "
                    + request.label("thingName"));
        }
        body.put("errorMessage", NOT_FOUND);
        return ApiResponse.refused(404, body, "no core device associated with " + request.label("thingName")
                + " has both connectivity information and a CA certificate");
    }

    /**
     * The document for {@code cores}, serialised once per cached result: the service hands out the same list object
     * until something changes, so an identity match means the bytes are still right.
     */
    private byte[] serialised(List<DiscoveredCore> cores) {
        Serialised cached = documents.get(System.identityHashCode(cores));
        if (cached != null && cached.cores() == cores) {
            return cached.bytes();
        }
        byte[] bytes = Json.write(document(cores));
        if (documents.size() >= MAX_DOCUMENTS) {
            documents.clear();
        }
        documents.put(System.identityHashCode(cores), new Serialised(cores, bytes));
        return bytes;
    }

    private ObjectNode document(List<DiscoveredCore> discovered) {
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
        return document;
    }
}
