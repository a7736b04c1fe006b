package io.corelink.api.greengrass;

import io.corelink.service.CoreDeviceService;
import io.corelink.wire.error.ServiceFamily;
import io.corelink.wire.http.ApiRequest;
import io.corelink.wire.http.ApiResponse;
import io.corelink.wire.http.Operation;
import io.corelink.wire.http.Violations;

/**
 * {@code DELETE /greengrass/v2/coreDevices/{coreDeviceThingName}}: 204; removes the core-device record, its
 * connectivity info, CA certificates, tags and associations, not the thing.
 */
public final class DeleteCoreDeviceHandler implements Operation {
    private final CoreDeviceService coreDevices;

    public DeleteCoreDeviceHandler(CoreDeviceService coreDevices) {
        this.coreDevices = coreDevices;
    }

    @Override
    public ApiResponse handle(ApiRequest request) {
        Violations violations = new Violations(ServiceFamily.GREENGRASS);
        String name = AssociationInput.coreDeviceThingName(violations, request);
        violations.throwIfAny();
        coreDevices.delete(AssociationInput.coreDevice(name));
        return ApiResponse.noContent();
    }
}
