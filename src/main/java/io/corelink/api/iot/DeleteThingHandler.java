package io.corelink.api.iot;

import io.corelink.domain.thing.ThingName;
import io.corelink.service.ThingService;
import io.corelink.wire.error.ServiceFamily;
import io.corelink.wire.http.ApiRequest;
import io.corelink.wire.http.ApiResponse;
import io.corelink.wire.http.Operation;
import io.corelink.wire.http.Violations;
import io.corelink.wire.json.Json;

/** {@code DELETE /things/{thingName}?expectedVersion=N}: DeleteThing; an unknown thing is deleted successfully. */
public final class DeleteThingHandler implements Operation {
    private final ThingService things;

    public DeleteThingHandler(ThingService things) {
        this.things = things;
    }

    @Override
    public ApiResponse handle(ApiRequest request) {
        Violations violations = new Violations(ServiceFamily.IOT);
        ThingName name = ThingInput.thingName(violations, request);
        Long expectedVersion = violations.longValue("expectedVersion", request.query().first("expectedVersion"));
        violations.throwIfAny();
        things.delete(name, expectedVersion);
        return ApiResponse.ok(Json.object());
    }
}
