package io.corelink.store.jdbc;

import io.corelink.domain.thing.ThingName;
import java.util.Collection;

/**
 * A list of thing names as the one JSON array text that the {@code :names} statements expand in the database (see
 * statements.sql). Thing names are {@code [a-zA-Z0-9:_-]} by construction, so no character needs escaping.
 */
final class NameList {
    private NameList() {
    }

    static String json(Collection<ThingName> names) {
        StringBuilder json = new StringBuilder(names.size() * 24).append('[');
        for (ThingName name : names) {
            json.append(json.length() == 1 ? "\"" : ",\"").append(name.value()).append('"');
        }
        return json.append(']').toString();
    }
}
