package io.corelink.api.greengrass;

import io.corelink.domain.association.EntryError;
import io.corelink.wire.json.Json;
import java.util.List;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The {@code {"errorEntries": [...]}} answer of the batch operations; always a list, empty when all succeeded. */
final class ErrorEntries {
    private ErrorEntries() {
    }

    static ObjectNode of(List<EntryError> errors) {
        ObjectNode response = Json.object();
        ArrayNode entries = response.putArray("errorEntries");
        for (EntryError error : errors) {
            entries.addObject()
                    .put("thingName", error.thingName())
                    .put("code", error.code())
                    .put("message", error.message());
        }
        return response;
    }
}
