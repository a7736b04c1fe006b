package io.corelink.api.iot;

import org.jspecify.annotations.Nullable;
import io.corelink.domain.error.InvalidValueException;
import io.corelink.domain.thing.ThingAttributes;
import io.corelink.domain.thing.ThingName;
import io.corelink.wire.error.AwsError;
import io.corelink.wire.error.AwsException;
import io.corelink.wire.http.ApiRequest;
import io.corelink.wire.http.Violations;
import io.corelink.wire.json.JsonBody;
import java.util.Map;

/** Input rules shared by the thing operations. */
final class ThingInput {
    private ThingInput() {
    }

    static ThingName thingName(Violations violations, ApiRequest request) {
        return violations.required("thingName", request.label("thingName"), ThingName::of);
    }

    /** The attributes of an {@code attributePayload}, validated; null when the payload has none. */
    static @Nullable ThingAttributes attributes(Violations violations, @Nullable JsonBody payload) {
        if (payload == null) {
            return null;
        }
        Map<String, String> attributes = payload.stringMap("attributes");
        if (attributes == null) {
            return null;
        }
        try {
            return ThingAttributes.of(attributes);
        } catch (InvalidValueException e) {
            violations.add("attributePayload.attributes", e.getMessage(), null);
            return null;
        }
    }

    /**
     * Corelink has no thing types or billing groups, so naming one names something that does not exist — the answer
     * AWS IoT gives for an unknown type or group.
     */
    static void rejectTypeAndBillingGroup(JsonBody body) {
        String thingType = body.string("thingTypeName");
        if (thingType != null) {
            throw new AwsException(AwsError.ResourceNotFoundException, "Thing type " + thingType + " cannot be found.");
        }
        String billingGroup = body.string("billingGroupName");
        if (billingGroup != null) {
            throw new AwsException(AwsError.ResourceNotFoundException,
                    "Billing group " + billingGroup + " cannot be found.");
        }
    }
}
