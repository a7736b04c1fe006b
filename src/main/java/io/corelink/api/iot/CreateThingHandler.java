package io.corelink.api.iot;

import io.corelink.domain.thing.Thing;
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
import tools.jackson.databind.node.ObjectNode;

/** {@code POST /things/{thingName}}: CreateThing. */
public final class CreateThingHandler implements Operation {
    private final ThingService things;

    public CreateThingHandler(ThingService things) {
        this.things = things;
    }

    @Override
    public ApiResponse handle(ApiRequest request) {
        Violations violations = new Violations(ServiceFamily.IOT);
        ThingName name = ThingInput.thingName(violations, request);
        JsonBody body = JsonBody.parse(ServiceFamily.IOT, request.body());
        ThingAttributes attributes = ThingInput.attributes(violations, body.object("attributePayload"));
        violations.throwIfAny();
        ThingInput.rejectTypeAndBillingGroup(body);
        Thing thing = things.create(name, attributes == null ? ThingAttributes.NONE : attributes);
        ObjectNode response = Json.object();
        response.put("thingName", thing.name().value());
        response.put("thingArn", things.arnOf(thing.name()));
        response.put("thingId", thing.thingId());
        return ApiResponse.ok(response);
    }
}
