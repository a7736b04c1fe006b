package io.corelink.api.greengrass;

import io.corelink.domain.coredevice.ConnectivityEndpoint;
import io.corelink.service.CoreDeviceService;
import io.corelink.wire.error.ServiceFamily;
import io.corelink.wire.http.ApiRequest;
import io.corelink.wire.http.ApiResponse;
import io.corelink.wire.http.Operation;
import io.corelink.wire.http.Violations;
import io.corelink.wire.json.Json;
import java.util.List;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code GET /greengrass/things/{thingName}/connectivityInfo}: {@code {"ConnectivityInfo": [...]}}, [] if none. */
public final class GetConnectivityInfoHandler implements Operation {
    private final CoreDeviceService coreDevices;

    public GetConnectivityInfoHandler(CoreDeviceService coreDevices) {
        this.coreDevices = coreDevices;
    }

    @Override
    public ApiResponse handle(ApiRequest request) {
        Violations violations = new Violations(ServiceFamily.GREENGRASS);
        String thing = ConnectivityInput.thingName(violations, request);
        violations.throwIfAny();
        List<ConnectivityEndpoint> endpoints = ConnectivityInput.forKnownThing(thing,
                () -> coreDevices.connectivity(AssociationInput.thing(thing)));
        return ApiResponse.ok(body(endpoints));
    }

    /** The body of GetConnectivityInfo, shared with the data plane's core-side call. */
    public static ObjectNode body(List<ConnectivityEndpoint> endpoints) {
        ObjectNode response = Json.object();
        ArrayNode items = response.putArray("ConnectivityInfo");
        for (ConnectivityEndpoint endpoint : endpoints) {
            ObjectNode item = items.addObject();
            if (endpoint.id() != null) {
                item.put("Id", endpoint.id());
            }
            item.put("HostAddress", endpoint.hostAddress());
            item.put("PortNumber", endpoint.portNumber());
            if (endpoint.metadata() != null) {
                item.put("Metadata", endpoint.metadata());
            }
        }
        return response;
    }
}
