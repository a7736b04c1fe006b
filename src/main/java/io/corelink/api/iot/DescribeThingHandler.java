package io.corelink.api.iot;

import io.corelink.domain.thing.Thing;
import io.corelink.domain.thing.ThingName;
import io.corelink.service.ThingService;
import io.corelink.wire.error.ServiceFamily;
import io.corelink.wire.http.ApiRequest;
import io.corelink.wire.http.ApiResponse;
import io.corelink.wire.http.Operation;
import io.corelink.wire.http.Violations;
import io.corelink.wire.json.Json;
import tools.jackson.databind.node.ObjectNode;

/** {@code GET /things/{thingName}}: DescribeThing; {@code defaultClientId} is the thing name, as in AWS IoT. */
public final class DescribeThingHandler implements Operation {
    private final ThingService things;

    public DescribeThingHandler(ThingService things) {
        this.things = things;
    }

    @Override
    public ApiResponse handle(ApiRequest request) {
        Violations violations = new Violations(ServiceFamily.IOT);
        ThingName name = ThingInput.thingName(violations, request);
        violations.throwIfAny();
        Thing thing = things.describe(name);
        ObjectNode response = Json.object();
        response.put("defaultClientId", thing.name().value());
        response.put("thingName", thing.name().value());
        response.put("thingId", thing.thingId());
        response.put("thingArn", things.arnOf(thing.name()));
        response.set("attributes", ThingJson.attributes(thing));
        response.put("version", thing.version());
        return ApiResponse.ok(response);
    }
}
