package io.corelink.api.iot;

import org.jspecify.annotations.Nullable;
import io.corelink.domain.iotpolicy.PolicyName;
import io.corelink.wire.error.ServiceFamily;
import io.corelink.wire.http.ApiRequest;
import io.corelink.wire.http.Violations;
import io.corelink.wire.json.JsonBody;

/** Input rules shared by the IoT policy operations, from the model. */
final class PolicyInput {
    /** AWS IoT's page size when a policy listing names none. */
    static final int DEFAULT_PAGE = 25;
    static final int MAX_PAGE = 250;

    private PolicyInput() {
    }

    static PolicyName policyName(Violations violations, ApiRequest request) {
        return violations.required("policyName", request.label("policyName"), PolicyName::of);
    }

    /** The {@code policyDocument} member, required; its content is checked by the policy language. */
    static String document(Violations violations, JsonBody body) {
        return violations.required("policyDocument", body.string("policyDocument"), value -> value);
    }

    /**
     * A {@code policyVersionId} label: digits. An id beyond any that can exist names no version, so it is reported
     * as 0, which never exists.
     */
    static @Nullable Integer versionId(Violations violations, ApiRequest request) {
        return violations.required("policyVersionId", request.label("policyVersionId"), value -> {
            if (!value.matches("[0-9]+")) {
                throw new io.corelink.domain.error.InvalidValueException("Member must satisfy regular expression "
                        + "pattern: [0-9]+");
            }
            return value.length() > 9 ? 0 : Integer.parseInt(value);
        });
    }

    /** A policy version named by the {@code policyName} and {@code policyVersionId} labels. */
    record VersionRef(PolicyName name, int versionId) {
    }

    /** The version the labels name; throws the validation error when either label breaks its rule. */
    static VersionRef versionRef(ApiRequest request) {
        Violations violations = new Violations(ServiceFamily.IOT);
        PolicyName name = policyName(violations, request);
        Integer versionId = versionId(violations, request);
        violations.throwIfAny();
        return new VersionRef(name, java.util.Objects.requireNonNull(versionId));
    }

    static @Nullable Integer pageSize(Violations violations, ApiRequest request) {
        return violations.integer("pageSize", request.query().first("pageSize"), 1, MAX_PAGE);
    }

    /** The most tag keys one UntagResource may name: more than a resource can have, bounded for the database. */
    static final int MAX_TAG_KEYS = 200;
    private static final java.util.regex.Pattern TAG_KEY =
            java.util.regex.Pattern.compile("^([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*)$");

    /**
     * A {@code TagList} member ({@code [{"Key":…,"Value":…}]}): keys 1..128 of the model's pattern, values 0..256 (absent:
     * empty); an absent member is no tags.
     */
    /** A {@code TagKeyList}: each key by the model's rules, at most {@value #MAX_TAG_KEYS}, duplicates once. */
    static java.util.List<String> tagKeys(Violations violations, JsonBody body) {
        java.util.List<String> keys = body.strings("tagKeys");
        if (keys == null) {
            violations.add("tagKeys", "Member must not be null", null);
            return java.util.List.of();
        }
        if (keys.size() > MAX_TAG_KEYS) {
            violations.add("tagKeys", "Member must have length less than or equal to " + MAX_TAG_KEYS,
                    keys.size() + " keys");
            return java.util.List.of();
        }
        java.util.Set<String> distinct = new java.util.LinkedHashSet<>();
        for (int i = 0; i < keys.size(); i++) {
            String key = violations.required("tagKeys[" + i + "]", keys.get(i), PolicyInput::tagKey);
            if (key != null) {
                distinct.add(key);
            }
        }
        return java.util.List.copyOf(distinct);
    }

    private static String tagKey(String value) {
        io.corelink.domain.validation.Constraints.length(value, 1, 128);
        io.corelink.domain.validation.Constraints.pattern(value, TAG_KEY);
        return value;
    }

    static java.util.Map<String, String> tags(Violations violations, JsonBody body, String member) {
        java.util.List<JsonBody> items = body.objects(member);
        java.util.Map<String, String> tags = new java.util.LinkedHashMap<>();
        if (items == null) {
            return tags;
        }
        for (JsonBody item : items) {
            String key = violations.required(item.path() + ".Key", item.string("Key"), PolicyInput::tagKey);
            String value = item.string("Value");
            if (value != null && value.length() > 256) {
                violations.add(item.path() + ".Value", "Member must have length less than or equal to 256", null);
            } else if (value != null && value.indexOf('\u0000') >= 0) {
                violations.add(item.path() + ".Value", "Member must not contain the NUL character", null);
            }
            if (key != null) {
                tags.put(key, value == null ? "" : value);
            }
        }
        return tags;
    }

    static JsonBody body(ApiRequest request) {
        return JsonBody.parse(ServiceFamily.IOT, request.body());
    }
}
