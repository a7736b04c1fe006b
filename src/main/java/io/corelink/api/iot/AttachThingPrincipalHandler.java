package io.corelink.api.iot;

import io.corelink.domain.error.InvalidValueException;
import io.corelink.domain.thing.ThingName;
import io.corelink.service.PrincipalService;
import io.corelink.wire.error.ServiceFamily;
import io.corelink.wire.http.ApiRequest;
import io.corelink.wire.http.ApiResponse;
import io.corelink.wire.http.Operation;
import io.corelink.wire.http.Violations;
import io.corelink.wire.json.Json;

/**
 * {@code PUT /things/{thingName}/principals} with {@code x-amzn-principal: <certificate ARN>} and optional
 * {@code thingPrincipalType}: effective before the answer.
 */
public final class AttachThingPrincipalHandler implements Operation {
    private final PrincipalService principals;

    public AttachThingPrincipalHandler(PrincipalService principals) {
        this.principals = principals;
    }

    @Override
    public ApiResponse handle(ApiRequest request) {
        Violations violations = new Violations(ServiceFamily.IOT);
        ThingName thing = ThingInput.thingName(violations, request);
        String principal = PrincipalInput.principal(violations, request);
        String type = violations.optional("thingPrincipalType", request.query().first("thingPrincipalType"), value -> {
            if (!value.equals("EXCLUSIVE_THING") && !value.equals("NON_EXCLUSIVE_THING")) {
                throw new InvalidValueException("Member must satisfy enum value set: [EXCLUSIVE_THING, "
                        + "NON_EXCLUSIVE_THING]");
            }
            return value;
        });
        violations.throwIfAny();
        principals.attach(thing, principal, "EXCLUSIVE_THING".equals(type));
        return ApiResponse.ok(Json.object());
    }
}
