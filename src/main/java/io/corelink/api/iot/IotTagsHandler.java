package io.corelink.api.iot;

import io.corelink.service.IotPolicyService;
import io.corelink.wire.error.ServiceFamily;
import io.corelink.wire.http.ApiRequest;
import io.corelink.wire.http.ApiResponse;
import io.corelink.wire.http.Operation;
import io.corelink.wire.http.Violations;
import io.corelink.wire.json.Json;
import io.corelink.wire.json.JsonBody;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * IoT's tagging operations, for the one taggable resource Corelink keeps, IoT policies: {@code POST /tags}
 * (TagResource), {@code POST /untag} (UntagResource) and {@code GET /tags?resourceArn} (ListTagsForResource, every tag
 * in one page, as at most 50 exist). Another resource's ARN is a 400 {@code InvalidRequestException}.
 */
public final class IotTagsHandler implements Operation {
    private enum Kind { TAG, UNTAG, LIST }

    private final IotPolicyService policies;
    private final Kind kind;

    private IotTagsHandler(IotPolicyService policies, Kind kind) {
        this.policies = policies;
        this.kind = kind;
    }

    public static IotTagsHandler tagResource(IotPolicyService policies) {
        return new IotTagsHandler(policies, Kind.TAG);
    }

    public static IotTagsHandler untagResource(IotPolicyService policies) {
        return new IotTagsHandler(policies, Kind.UNTAG);
    }

    public static IotTagsHandler listTagsForResource(IotPolicyService policies) {
        return new IotTagsHandler(policies, Kind.LIST);
    }

    @Override
    public ApiResponse handle(ApiRequest request) {
        Violations violations = new Violations(ServiceFamily.IOT);
        if (kind == Kind.LIST) {
            String arn = violations.required("resourceArn", request.query().first("resourceArn"), value -> value);
            violations.throwIfAny();
            ObjectNode response = Json.object();
            ArrayNode tags = response.putArray("tags");
            policies.tags(arn).forEach((key, value) -> tags.addObject().put("Key", key).put("Value", value));
            return ApiResponse.ok(response);
        }
        JsonBody body = PolicyInput.body(request);
        String arn = violations.required("resourceArn", body.string("resourceArn"), value -> value);
        if (kind == Kind.TAG) {
            if (body.objects("tags") == null) {
                violations.add("tags", "Member must not be null", null);
            }
            Map<String, String> tags = PolicyInput.tags(violations, body, "tags");
            violations.throwIfAny();
            policies.tag(arn, tags);
        } else {
            List<String> keys = PolicyInput.tagKeys(violations, body);
            violations.throwIfAny();
            policies.untag(arn, keys);
        }
        return ApiResponse.ok(Json.object());
    }
}
