package io.corelink.api.iot;

import io.corelink.domain.thing.ThingName;
import io.corelink.service.PrincipalService;
import io.corelink.wire.error.ServiceFamily;
import io.corelink.wire.http.ApiRequest;
import io.corelink.wire.http.ApiResponse;
import io.corelink.wire.http.Operation;
import io.corelink.wire.http.Violations;
import io.corelink.wire.json.Json;

/** {@code DELETE /things/{thingName}/principals}: effective before the answer (AWS may take seconds). */
public final class DetachThingPrincipalHandler implements Operation {
    private final PrincipalService principals;

    public DetachThingPrincipalHandler(PrincipalService principals) {
        this.principals = principals;
    }

    @Override
    public ApiResponse handle(ApiRequest request) {
        Violations violations = new Violations(ServiceFamily.IOT);
        ThingName thing = ThingInput.thingName(violations, request);
        String principal = PrincipalInput.principal(violations, request);
        violations.throwIfAny();
        principals.detach(thing, principal);
        return ApiResponse.ok(Json.object());
    }
}
