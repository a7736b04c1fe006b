package io.corelink.api.iam;

import io.corelink.domain.error.InvalidValueException;
import io.corelink.domain.validation.Constraints;
import io.corelink.wire.http.Violations;
import io.corelink.wire.query.QueryRequest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The parameters of the IAM actions, checked against the constraints of the IAM model, with AWS's validation message
 * ("1 validation error detected: Value 'x' at 'userName' failed to satisfy constraint: …") naming each member as
 * AWS does (lower camel case).
 */
final class IamInput {
    static final Pattern NAME = Pattern.compile("[\\w+=,.@-]+");
    static final Pattern PATH = Pattern.compile("(\\u002F)|(\\u002F[\\u0021-\\u007E]+\\u002F)");
    static final Pattern PATH_PREFIX = Pattern.compile("\\u002F[\\u0021-\\u007F]*");
    static final Pattern POLICY_PATH = Pattern.compile("((/[A-Za-z0-9\\.,\\+@=_-]+)*)/");
    static final Pattern DOCUMENT = Pattern.compile("[\\u0009\\u000A\\u000D\\u0020-\\u00FF]+");
    static final Pattern VERSION_ID = Pattern.compile("v[1-9][0-9]*(\\.[A-Za-z0-9-]*)?");
    static final Pattern ACCESS_KEY_ID = Pattern.compile("[\\w]+");
    static final Pattern TAG_KEY = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+");
    static final Pattern TAG_VALUE = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*");
    static final int DEFAULT_MAX_ITEMS = 100;

    private final QueryRequest request;
    private final Violations violations;

    IamInput(QueryRequest request) {
        this.request = request;
        this.violations = new Violations(request.family());
    }

    /** A required parameter checked by length and pattern. */
    String required(String parameter, int min, int max, Pattern pattern) {
        return violations.required(member(parameter), request.string(parameter), checked(min, max, pattern));
    }

    /** An optional parameter checked by length and pattern; null when absent. */
    @Nullable String optional(String parameter, int min, int max, Pattern pattern) {
        return violations.optional(member(parameter), request.string(parameter), checked(min, max, pattern));
    }

    String userName(String parameter, int max) {
        return required(parameter, 1, max, NAME);
    }

    String policyName() {
        return required("PolicyName", 1, 128, NAME);
    }

    String policyArn() {
        return violations.required("policyArn", request.string("PolicyArn"), checkedLength(20, 2048));
    }

    String document() {
        return required("PolicyDocument", 1, 131072, DOCUMENT);
    }

    @Nullable String description() {
        return violations.optional("description", request.string("Description"), checkedLength(0, 1000));
    }

    String versionId() {
        return violations.required("versionId", request.string("VersionId"), value -> {
            Constraints.pattern(value, VERSION_ID);
            return value;
        });
    }

    String accessKeyId() {
        return required("AccessKeyId", 16, 128, ACCESS_KEY_ID);
    }

    /** MaxItems (1–1000), 100 when absent. */
    int maxItems() {
        Integer max = violations.integer("maxItems", request.string("MaxItems"), 1, 1000);
        return max == null ? DEFAULT_MAX_ITEMS : max;
    }

    /** A boolean parameter, false when absent. */
    boolean flag(String parameter) {
        String value = request.string(parameter);
        return value != null && Boolean.parseBoolean(value);
    }

    /** One of the model's enum values, or null when absent. */
    @Nullable String oneOf(String parameter, List<String> values) {
        return violations.optional(member(parameter), request.string(parameter), value -> {
            if (!values.contains(value)) {
                throw new InvalidValueException("Member must satisfy enum value set: " + values);
            }
            return value;
        });
    }

    /** The {@code Tags} list: at most 50 tags, each key and value per the model. */
    Map<String, String> tags() {
        Map<String, String> tags = new LinkedHashMap<>();
        var pairs = request.pairs("Tags", "Key", "Value");
        if (pairs.size() > 50) {
            violations.add("tags", "Member must have length less than or equal to 50", pairs.size() + " tags");
        }
        for (int i = 0; i < pairs.size(); i++) {
            var pair = pairs.get(i);
            String key = violations.required("tags." + (i + 1) + ".member.key", pair.getKey(),
                    checked(1, 128, TAG_KEY));
            String value = violations.required("tags." + (i + 1) + ".member.value", pair.getValue(),
                    checked(0, 256, TAG_VALUE));
            if (key != null && value != null) {
                tags.put(key, value);
            }
        }
        return tags;
    }

    /** Ends validation: every broken constraint at once, as AWS reports them. */
    void check() {
        violations.throwIfAny();
    }

    /** IAM's timestamps: ISO 8601 in whole seconds, as AWS writes them. */
    static String timestamp(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static Function<String, String> checked(int min, int max, Pattern pattern) {
        return value -> {
            Constraints.length(value, min, max);
            if (!value.isEmpty()) {
                Constraints.pattern(value, pattern);
            }
            return value;
        };
    }

    private static Function<String, String> checkedLength(int min, int max) {
        return value -> {
            Constraints.length(value, min, max);
            return value;
        };
    }

    private static String member(String parameter) {
        return Character.toLowerCase(parameter.charAt(0)) + parameter.substring(1);
    }
}
