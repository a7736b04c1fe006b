package io.corelink.api.greengrass;

import io.corelink.domain.error.InvalidValueException;
import io.corelink.service.CoreDeviceService;
import io.corelink.wire.error.ServiceFamily;
import io.corelink.wire.http.ApiRequest;
import io.corelink.wire.http.ApiResponse;
import io.corelink.wire.http.Operation;
import io.corelink.wire.http.Violations;
import io.corelink.wire.json.Json;
import io.corelink.wire.json.JsonBody;
import java.util.Map;

/** {@code POST /tags/{resourceArn}}: adds tags to a core device, updating the values of existing keys. */
public final class TagResourceHandler implements Operation {
    private final CoreDeviceService coreDevices;

    public TagResourceHandler(CoreDeviceService coreDevices) {
        this.coreDevices = coreDevices;
    }

    @Override
    public ApiResponse handle(ApiRequest request) {
        Violations violations = new Violations(ServiceFamily.GREENGRASS);
        String arn = TagInput.resourceArn(violations, request);
        Map<String, String> tags = JsonBody.parse(ServiceFamily.GREENGRASS, request.body()).stringMap("tags");
        if (tags == null) {
            violations.add("tags", "Member must not be null", null);
        } else {
            if (tags.isEmpty() || tags.size() > TagInput.MAX_PER_CALL) {
                violations.add("tags", tags.isEmpty() ? "Member must have length greater than or equal to 1"
                        : "Member must have length less than or equal to " + TagInput.MAX_PER_CALL, null);
            }
            tags.forEach((key, value) -> {
                violations.optional("tags." + key, key, k -> {
                    TagInput.checkKey(k);
                    return k;
                });
                try {
                    TagInput.checkValue(value);
                } catch (InvalidValueException e) {
                    violations.add("tags." + key, e.getMessage(), value);
                }
            });
        }
        violations.throwIfAny();
        coreDevices.tag(arn, java.util.Objects.requireNonNull(tags));
        return ApiResponse.ok(Json.object());
    }
}
