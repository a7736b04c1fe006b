package io.corelink.api.greengrass;

import io.corelink.service.CoreDeviceService;
import io.corelink.wire.error.ServiceFamily;
import io.corelink.wire.http.ApiRequest;
import io.corelink.wire.http.ApiResponse;
import io.corelink.wire.http.Operation;
import io.corelink.wire.http.Violations;
import io.corelink.wire.json.Json;
import tools.jackson.databind.node.ObjectNode;

/** {@code GET /tags/{resourceArn}}: {@code {"tags": {...}}}, {} when untagged. */
public final class ListTagsForResourceHandler implements Operation {
    private final CoreDeviceService coreDevices;

    public ListTagsForResourceHandler(CoreDeviceService coreDevices) {
        this.coreDevices = coreDevices;
    }

    @Override
    public ApiResponse handle(ApiRequest request) {
        Violations violations = new Violations(ServiceFamily.GREENGRASS);
        String arn = TagInput.resourceArn(violations, request);
        violations.throwIfAny();
        ObjectNode response = Json.object();
        response.set("tags", CoreDeviceJson.tags(coreDevices.tags(arn)));
        return ApiResponse.ok(response);
    }
}
