package io.corelink.api.iot;

import io.corelink.domain.thing.ThingAttributes;
import io.corelink.domain.thing.ThingName;
import io.corelink.service.ThingService;
import io.corelink.wire.error.ServiceFamily;
import io.corelink.wire.http.ApiRequest;
import io.corelink.wire.http.ApiResponse;
import io.corelink.wire.http.Operation;
import io.corelink.wire.http.Violations;
import io.corelink.wire.json.Json;
import io.corelink.wire.json.JsonBody;

/**
 * {@code PATCH /things/{thingName}}: UpdateThing. {@code attributePayload.merge} lays the attributes over the stored
 * ones instead of replacing them; an empty value removes an attribute; {@code removeThingType} is accepted (there are
 * no thing types to remove).
 */
public final class UpdateThingHandler implements Operation {
    private final ThingService things;

    public UpdateThingHandler(ThingService things) {
        this.things = things;
    }

    @Override
    public ApiResponse handle(ApiRequest request) {
        Violations violations = new Violations(ServiceFamily.IOT);
        ThingName name = ThingInput.thingName(violations, request);
        JsonBody body = JsonBody.parse(ServiceFamily.IOT, request.body());
        JsonBody payload = body.object("attributePayload");
        ThingAttributes attributes = ThingInput.attributes(violations, payload);
        boolean merge = payload != null && Boolean.TRUE.equals(payload.bool("merge"));
        Long expectedVersion = body.longValue("expectedVersion");
        body.bool("removeThingType");
        violations.throwIfAny();
        ThingInput.rejectTypeAndBillingGroup(body);
        things.update(name, attributes, merge, expectedVersion);
        return ApiResponse.ok(Json.object());
    }
}
