package io.corelink.api.greengrass;

import io.corelink.service.CoreDeviceService;
import io.corelink.wire.error.ServiceFamily;
import io.corelink.wire.http.ApiRequest;
import io.corelink.wire.http.ApiResponse;
import io.corelink.wire.http.Operation;
import io.corelink.wire.http.Violations;
import tools.jackson.databind.node.ObjectNode;

/** {@code GET /greengrass/v2/coreDevices/{coreDeviceThingName}}: status, its time, and {@code tags} ({} if none). */
public final class GetCoreDeviceHandler implements Operation {
    private final CoreDeviceService coreDevices;

    public GetCoreDeviceHandler(CoreDeviceService coreDevices) {
        this.coreDevices = coreDevices;
    }

    @Override
    public ApiResponse handle(ApiRequest request) {
        Violations violations = new Violations(ServiceFamily.GREENGRASS);
        String name = AssociationInput.coreDeviceThingName(violations, request);
        violations.throwIfAny();
        CoreDeviceService.Described described = coreDevices.get(AssociationInput.coreDevice(name));
        ObjectNode response = CoreDeviceJson.summary(described.device(), described.status());
        response.set("tags", CoreDeviceJson.tags(described.tags()));
        return ApiResponse.ok(response);
    }
}
