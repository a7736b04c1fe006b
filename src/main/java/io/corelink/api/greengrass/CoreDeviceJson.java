package io.corelink.api.greengrass;

import io.corelink.domain.coredevice.CoreDevice;
import io.corelink.domain.coredevice.CoreDeviceStatus;
import io.corelink.wire.json.Json;
import java.util.Map;
import tools.jackson.databind.node.ObjectNode;

/**
 * Core-device responses with the member names of the Greengrass V2 model. Corelink does not learn a core's nucleus
 * version, platform, architecture or runtime, so those members are absent.
 */
final class CoreDeviceJson {
    private CoreDeviceJson() {
    }

    static ObjectNode summary(CoreDevice device, CoreDeviceStatus status) {
        ObjectNode node = Json.object();
        node.put("coreDeviceThingName", device.name().value());
        node.put("status", status.name());
        node.put("lastStatusUpdateTimestamp", Json.timestamp(device.lastStatusUpdate()));
        return node;
    }

    static ObjectNode tags(Map<String, String> tags) {
        ObjectNode node = Json.object();
        tags.forEach(node::put);
        return node;
    }
}
