package io.corelink.api.greengrass;

import io.corelink.domain.validation.Constraints;
import io.corelink.domain.coredevice.ConnectivityEndpoint;
import io.corelink.domain.error.ResourceNotFoundException;
import io.corelink.wire.error.AwsException;
import io.corelink.wire.error.FieldViolation;
import io.corelink.wire.error.ServiceFamily;
import io.corelink.wire.http.ApiRequest;
import io.corelink.wire.http.Violations;
import io.corelink.wire.json.JsonBody;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The connectivity operations' input (capitalised members, as in Greengrass V1): {@code thingName} 1..128, each
 * {@code PortNumber} 0..65535 and each {@code HostAddress} non-empty. No 404 is modelled for them, so an unknown
 * thing is a 400 {@code ValidationException} naming {@code thingName}.
 */
public final class ConnectivityInput {
    private ConnectivityInput() {
    }

    static String thingName(Violations violations, ApiRequest request) {
        return violations.required("thingName", request.label("thingName"), value -> {
            Constraints.length(value, 1, 128);
            return value;
        });
    }

    /** The whole new list; the member is required (an empty list clears it). */
    public static List<ConnectivityEndpoint> endpoints(Violations violations, ApiRequest request) {
        JsonBody body = JsonBody.parse(ServiceFamily.GREENGRASS, request.body());
        List<JsonBody> items = body.objects("ConnectivityInfo");
        if (items == null) {
            violations.add("ConnectivityInfo", "Member must not be null", null);
            return List.of();
        }
        List<ConnectivityEndpoint> endpoints = new ArrayList<>(items.size());
        for (JsonBody item : items) {
            String host = violations.required(item.path() + ".HostAddress", item.string("HostAddress"), value -> {
                ConnectivityEndpoint.checkHostAddress(value);
                return value;
            });
            Long port = item.longValue("PortNumber");
            if (port != null && (port < 0 || port > 65535)) {
                violations.add(item.path() + ".PortNumber", port < 0
                        ? "Member must have value greater than or equal to 0"
                        : "Member must have value less than or equal to 65535", String.valueOf(port));
            }
            if (host != null) {
                endpoints.add(new ConnectivityEndpoint(item.string("Id"), host,
                        port == null || port < 0 || port > 65535 ? 0 : port.intValue(), item.string("Metadata")));
            }
        }
        return endpoints;
    }

    /** Runs {@code call}; an unknown thing becomes the modelled 400 on {@code thingName}. */
    static <T> T forKnownThing(String thingName, Supplier<T> call) {
        try {
            return call.get();
        } catch (ResourceNotFoundException e) {
            throw AwsException.invalidFields(ServiceFamily.GREENGRASS,
                    List.of(new FieldViolation("thingName", "Member must name an existing thing", thingName)));
        }
    }
}
