package io.corelink.api.greengrass;

import org.jspecify.annotations.Nullable;
import io.corelink.domain.error.ResourceNotFoundException;
import io.corelink.domain.thing.ThingName;
import io.corelink.domain.validation.Constraints;
import io.corelink.wire.error.ServiceFamily;
import io.corelink.wire.http.ApiRequest;
import io.corelink.wire.http.Violations;
import io.corelink.wire.json.JsonBody;
import java.util.ArrayList;
import java.util.List;

/**
 * The input rules of the association operations, from the Greengrass V2 model: {@code coreDeviceThingName} and each
 * entry's {@code thingName} are 1..128 characters (no pattern: Greengrass does not repeat the IoT one), and
 * {@code entries}, when present, holds 1..100 items.
 */
final class AssociationInput {
    static final int MAX_ENTRIES = 100;
    static final int MAX_NAME = 128;

    private AssociationInput() {
    }

    static String coreDeviceThingName(Violations violations, ApiRequest request) {
        return violations.required("coreDeviceThingName", request.label("coreDeviceThingName"),
                AssociationInput::iotThingName);
    }

    /** The entries' thing names in request order; null when the request has no {@code entries}. */
    static @Nullable List<String> entryNames(Violations violations, ApiRequest request) {
        JsonBody body = JsonBody.parse(ServiceFamily.GREENGRASS, request.body());
        List<JsonBody> entries = body.objects("entries");
        if (entries == null) {
            return null;
        }
        if (entries.isEmpty()) {
            violations.add("entries", "Member must have length greater than or equal to 1", "[]");
        } else if (entries.size() > MAX_ENTRIES) {
            violations.add("entries", "Member must have length less than or equal to " + MAX_ENTRIES,
                    entries.size() + " entries");
        }
        // Past the list's limit the request is refused anyway: its other entries are not reported one by one, so a
        // huge invalid batch gets an answer of bounded size.
        List<JsonBody> checked = entries.size() > MAX_ENTRIES ? entries.subList(0, MAX_ENTRIES) : entries;
        List<String> names = new ArrayList<>(checked.size());
        for (JsonBody entry : checked) {
            String name = violations.required(entry.path() + ".thingName", entry.string("thingName"),
                    AssociationInput::iotThingName);
            names.add(name);
        }
        return names;
    }

    /**
     * The thing {@code name} (valid by this model's rules) names: a name the IoT registry cannot hold names no thing.
     *
     * @throws ResourceNotFoundException ("Thing … cannot be found.") when {@code name} is not a legal thing name
     */
    static ThingName thing(String name) {
        return ThingName.parse(name).orElseThrow(() -> ResourceNotFoundException.thing(name));
    }

    /** As {@link #thing}, for operations whose "not found" names a core device. */
    static ThingName coreDevice(String name) {
        return ThingName.parse(name).orElseThrow(() -> ResourceNotFoundException.coreDevice(name));
    }

    private static String iotThingName(String value) {
        Constraints.length(value, 1, MAX_NAME);
        return value;
    }
}
