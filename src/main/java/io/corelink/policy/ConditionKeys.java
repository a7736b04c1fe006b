package io.corelink.policy;

import java.util.Locale;
import java.util.Set;

/**
 * The condition keys (and so the policy variables) that Corelink's policies may name (access-control.md §1). Key
 * names compare case-insensitively; {@code aws:ResourceTag/}, {@code aws:RequestTag/} and
 * {@code iot:Connection.Thing.Attributes[…]} take any tag key or attribute name.
 */
final class ConditionKeys {
    private static final Set<String> NAMES = Set.of("aws:sourceip", "aws:currenttime", "aws:epochtime",
            "aws:securetransport", "aws:principalarn", "aws:username", "aws:userid", "aws:tagkeys", "iot:thingarn",
            "iot:connection.thing.thingname", "iot:connection.thing.thingtypename",
            "iot:connection.thing.isattached", "iot:clientid");
    private static final String[] TAG_PREFIXES = {"aws:resourcetag/", "aws:requesttag/"};
    private static final String ATTRIBUTES = "iot:connection.thing.attributes[";

    private ConditionKeys() {
    }

    static boolean isKnown(String key) {
        String lower = key.toLowerCase(Locale.ROOT);
        if (NAMES.contains(lower)) {
            return true;
        }
        for (String prefix : TAG_PREFIXES) {
            if (lower.startsWith(prefix) && lower.length() > prefix.length()) {
                return true;
            }
        }
        return lower.startsWith(ATTRIBUTES) && lower.endsWith("]") && lower.length() > ATTRIBUTES.length() + 1;
    }
}
