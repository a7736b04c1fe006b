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
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code PUT /greengrass/things/{thingName}/connectivityInfo}: replaces the whole list, makes the thing a core device,
 * answers a new {@code Version}.
 */
public final class UpdateConnectivityInfoHandler implements Operation {
    private final CoreDeviceService coreDevices;

    public UpdateConnectivityInfoHandler(CoreDeviceService coreDevices) {
        this.coreDevices = coreDevices;
    }

    @Override
    public ApiResponse handle(ApiRequest request) {
        Violations violations = new Violations(ServiceFamily.GREENGRASS);
        String thing = ConnectivityInput.thingName(violations, request);
        List<ConnectivityEndpoint> endpoints = ConnectivityInput.endpoints(violations, request);
        violations.throwIfAny();
        String version = ConnectivityInput.forKnownThing(thing, () -> coreDevices.updateConnectivity(
                AssociationInput.thing(thing), endpoints));
        ObjectNode response = Json.object();
        response.put("Version", version);
        return ApiResponse.ok(response);
    }
}
