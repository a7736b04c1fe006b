package io.corelink.api.greengrass;

import io.corelink.service.AssociationService;
import io.corelink.wire.error.ServiceFamily;
import io.corelink.wire.http.ApiRequest;
import io.corelink.wire.http.ApiResponse;
import io.corelink.wire.http.Operation;
import io.corelink.wire.http.Violations;
import java.util.List;

/**
 * {@code POST /greengrass/v2/coreDevices/{coreDeviceThingName}/associateClientDevices}: per-entry outcomes in
 * {@code errorEntries}, the successful entries committed together before the answer.
 */
public final class BatchAssociateClientDeviceWithCoreDeviceHandler implements Operation {
    private final AssociationService associations;

    public BatchAssociateClientDeviceWithCoreDeviceHandler(AssociationService associations) {
        this.associations = associations;
    }

    @Override
    public ApiResponse handle(ApiRequest request) {
        Violations violations = new Violations(ServiceFamily.GREENGRASS);
        String core = AssociationInput.coreDeviceThingName(violations, request);
        List<String> entries = AssociationInput.entryNames(violations, request);
        violations.throwIfAny();
        return ApiResponse.ok(ErrorEntries.of(associations.associate(AssociationInput.thing(core), entries)));
    }
}
