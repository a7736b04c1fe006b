package io.corelink.api.iot;

import io.corelink.domain.thing.Thing;
import io.corelink.service.ThingService;
import io.corelink.wire.json.Json;
import tools.jackson.databind.node.ObjectNode;

/** Thing responses with the member names of the IoT model. */
final class ThingJson {
    private ThingJson() {
    }

    static ObjectNode attributes(Thing thing) {
        ObjectNode attributes = Json.object();
        thing.attributes().asMap().forEach(attributes::put);
        return attributes;
    }

    /** A {@code ThingAttribute} of ListThings. */
    static ObjectNode listed(Thing thing, ThingService things) {
        ObjectNode node = Json.object();
        node.put("thingName", thing.name().value());
        node.put("thingArn", things.arnOf(thing.name()));
        node.set("attributes", attributes(thing));
        node.put("version", thing.version());
        return node;
    }
}
