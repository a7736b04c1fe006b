package io.corelink.fleet;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One client device of an import file (operations.md §5).
 *
 * @param line        where the row starts in the file (1 is a CSV file's header)
 * @param certificate {@code generate}, or the path of a PEM certificate or of a PEM certificate signing request
 * @param problem     why the row cannot be imported as it is written, or null: such a row fails without a call
 */
public record ImportRow(int line, String thingName, Map<String, String> attributes, String certificate,
                        @Nullable String policy, @Nullable String coreDeviceThingName, @Nullable String problem) {
    /** The certificate column's word for "make a key and a certificate". */
    public static final String GENERATE = "generate";

    /** The same row, failing with {@code why}. */
    ImportRow failing(String why) {
        return new ImportRow(line, thingName, attributes, certificate, policy, coreDeviceThingName, why);
    }
}
