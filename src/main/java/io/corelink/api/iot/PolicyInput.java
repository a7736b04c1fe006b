package io.corelink.api.iot;

import org.jspecify.annotations.Nullable;
import io.corelink.domain.iotpolicy.PolicyName;
import io.corelink.wire.error.AwsError;
import io.corelink.wire.error.AwsException;
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

    /** Tags on policies are not kept by Corelink: refused rather than dropped. */
    static void refuseTags(JsonBody body) {
        if (body.objects("tags") != null) {
            throw new AwsException(AwsError.InvalidRequestException, "Corelink does not keep tags on IoT policies; "
                    + "create the policy without tags.");
        }
    }

    static JsonBody body(ApiRequest request) {
        return JsonBody.parse(ServiceFamily.IOT, request.body());
    }
}
