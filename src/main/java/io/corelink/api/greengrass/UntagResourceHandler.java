package io.corelink.api.greengrass;

import io.corelink.service.CoreDeviceService;
import io.corelink.wire.error.ServiceFamily;
import io.corelink.wire.http.ApiRequest;
import io.corelink.wire.http.ApiResponse;
import io.corelink.wire.http.Operation;
import io.corelink.wire.http.Violations;
import io.corelink.wire.json.Json;
import java.util.List;

/** {@code DELETE /tags/{resourceArn}?tagKeys=k1&tagKeys=k2}: removes tags; absent keys are ignored. */
public final class UntagResourceHandler implements Operation {
    private final CoreDeviceService coreDevices;

    public UntagResourceHandler(CoreDeviceService coreDevices) {
        this.coreDevices = coreDevices;
    }

    @Override
    public ApiResponse handle(ApiRequest request) {
        Violations violations = new Violations(ServiceFamily.GREENGRASS);
        String arn = TagInput.resourceArn(violations, request);
        List<String> keys = request.query().all("tagKeys");
        if (keys.isEmpty()) {
            violations.add("tagKeys", "Member must not be null", null);
        } else if (keys.size() > TagInput.MAX_PER_CALL) {
            violations.add("tagKeys", "Member must have length less than or equal to " + TagInput.MAX_PER_CALL, null);
        }
        for (String key : keys) {
            violations.optional("tagKeys", key, k -> {
                TagInput.checkKey(k);
                return k;
            });
        }
        violations.throwIfAny();
        coreDevices.untag(arn, keys);
        return ApiResponse.ok(Json.object());
    }
}
