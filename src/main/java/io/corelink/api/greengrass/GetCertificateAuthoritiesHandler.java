package io.corelink.api.greengrass;

import io.corelink.service.CoreDeviceService;
import io.corelink.wire.error.ServiceFamily;
import io.corelink.wire.http.ApiRequest;
import io.corelink.wire.http.ApiResponse;
import io.corelink.wire.http.Operation;
import io.corelink.wire.http.Violations;
import io.corelink.wire.json.Json;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code GET /corelink/v1/coreDevices/{coreDeviceThingName}/certificateAuthorities}, Corelink's own: the CA
 * certificates the core put (PutCertificateAuthorities), in the shape it put them,
 * {@code {"coreDeviceCertificates":["PEM", ...]}}. AWS has no operation that reads them back; {@code corelink export}
 * needs one to write a fixture that reproduces the state. 404 {@code ResourceNotFoundException} when the thing is
 * not a core device.
 */
public final class GetCertificateAuthoritiesHandler implements Operation {
    private final CoreDeviceService coreDevices;

    public GetCertificateAuthoritiesHandler(CoreDeviceService coreDevices) {
        this.coreDevices = coreDevices;
    }

    @Override
    public ApiResponse handle(ApiRequest request) {
        Violations violations = new Violations(ServiceFamily.GREENGRASS);
        String name = AssociationInput.coreDeviceThingName(violations, request);
        violations.throwIfAny();
        ObjectNode response = Json.object();
        ArrayNode certificates = response.putArray("coreDeviceCertificates");
        coreDevices.certificateAuthorities(AssociationInput.coreDevice(name)).forEach(certificates::add);
        return ApiResponse.ok(response);
    }
}
