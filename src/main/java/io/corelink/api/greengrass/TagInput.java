package io.corelink.api.greengrass;

import io.corelink.domain.validation.Constraints;
import io.corelink.domain.error.InvalidValueException;
import io.corelink.wire.http.ApiRequest;
import io.corelink.wire.http.Violations;
import java.util.regex.Pattern;

/** The tagging operations' rules: a GenericV2ARN, keys 1..128 not starting with {@code aws:}, values 0..256. */
final class TagInput {
    static final int MAX_PER_CALL = 200;
    private static final Pattern GENERIC_V2_ARN =
            Pattern.compile("arn:[^:]*:greengrass:[^:]*:(aws|[0-9]+):(components|deployments|coreDevices):.*");

    private TagInput() {
    }

    static String resourceArn(Violations violations, ApiRequest request) {
        return violations.required("resourceArn", request.label("resourceArn"), value -> {
            Constraints.pattern(value, GENERIC_V2_ARN);
            return value;
        });
    }

    static void checkKey(String key) {
        Constraints.length(key, 1, 128);
        if (key.startsWith("aws:")) {
            throw new InvalidValueException("Member must not start with the reserved prefix aws:");
        }
    }

    static void checkValue(String value) {
        Constraints.length(value, 0, 256);
    }
}
