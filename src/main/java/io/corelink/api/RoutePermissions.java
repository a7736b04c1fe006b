package io.corelink.api;

import io.corelink.domain.Account;
import io.corelink.domain.certificate.CertificateId;
import io.corelink.domain.error.InvalidValueException;
import io.corelink.wire.http.ApiRequest;
import io.corelink.wire.http.Permission;
import io.corelink.wire.json.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The action and resource each REST route needs (access-control.md §5), found from the request before its body is
 * validated: labels, query and headers as sent, and the few body members the table names (AttachPolicy's target, the
 * tags of TagResource and CreatePolicy), read leniently; a body that does not parse gives no value, and the operation
 * refuses it afterwards if it is allowed to run at all.
 */
final class RoutePermissions {
    private static final String TAG_KEYS = "aws:TagKeys";

    private final Account account;

    RoutePermissions(Account account) {
        this.account = account;
    }

    /** {@code service:Operation} on a resource that does not depend on the request. */
    static Function<ApiRequest, Permission> fixed(String action, String resource) {
        Permission permission = new Permission(action, resource);
        return request -> permission;
    }

    Function<ApiRequest, Permission> coreDevice(String action) {
        return request -> new Permission(action, account.coreDeviceArn(request.label("coreDeviceThingName")));
    }

    Function<ApiRequest, Permission> connectivity(String action) {
        return request -> new Permission(action, account.connectivityInfoArn(request.label("thingName")));
    }

    Function<ApiRequest, Permission> thing(String action) {
        return request -> new Permission(action, account.thingArn(request.label("thingName")));
    }

    /**
     * The certificate the handler will act on: its id as {@link CertificateId#of} reads it (hex in either case, stored
     * in lower case), so that {@code ABC…} cannot slip past a statement about {@code abc…}; an id that does not parse
     * is authorized as sent (the operation refuses it).
     */
    Function<ApiRequest, Permission> certificate(String action) {
        return request -> {
            String id = request.label("certificateId");
            try {
                id = CertificateId.of(id).value();
            } catch (InvalidValueException e) {
                // not a certificate id: the operation answers it with a validation error, if allowed to run
            }
            return new Permission(action, account.certificateArn(id));
        };
    }

    Function<ApiRequest, Permission> iotPolicy(String action) {
        return request -> new Permission(action, account.policyArn(request.label("policyName")));
    }

    /** IoT CreatePolicy: the policy, with the tags it is created with. */
    Function<ApiRequest, Permission> creatingIotPolicy(String action) {
        return request -> new Permission(action, account.policyArn(request.label("policyName")))
                .withRequestTags(keyValueList(body(request).path("tags")));
    }

    /** A certificate named in a header (x-amzn-principal, x-amzn-iot-principal); {@code *} when absent. */
    static Function<ApiRequest, Permission> principalHeader(String action, String header) {
        return request -> new Permission(action, orAny(request.header(header)));
    }

    /** Attach/DetachThingPrincipal: the certificate, with {@code iot:thingArn}. */
    Function<ApiRequest, Permission> thingPrincipal(String action) {
        return request -> new Permission(action, orAny(request.header("x-amzn-principal")),
                Map.of("iot:thingArn", List.of(account.thingArn(request.label("thingName")))));
    }

    /** A certificate (or any target) named by a member of the JSON body. */
    static Function<ApiRequest, Permission> bodyMember(String action, String member) {
        return request -> new Permission(action, orAny(text(body(request).path(member))));
    }

    /** ListAttachedPolicies: the target ARN is the path's one label. */
    static Function<ApiRequest, Permission> label(String action, String label) {
        return request -> new Permission(action, request.label(label));
    }

    /** ListPolicyPrincipals: the policy named in {@code x-amzn-iot-policy}. */
    Function<ApiRequest, Permission> policyHeader(String action) {
        return request -> new Permission(action, request.header("x-amzn-iot-policy") == null ? "*"
                : account.policyArn(request.header("x-amzn-iot-policy")));
    }

    /** Greengrass TagResource and UntagResource: the ARN label, with the request's tags or tag keys. */
    static Function<ApiRequest, Permission> greengrassTags(String action) {
        return request -> {
            Permission permission = new Permission(action, request.label("resourceArn"));
            if (action.endsWith(":UntagResource")) {
                return permission.with(TAG_KEYS, request.query().all("tagKeys"));
            }
            if (action.endsWith(":TagResource")) {
                Map<String, String> tags = new LinkedHashMap<>();
                body(request).path("tags").properties().forEach(e -> tags.put(e.getKey(), text(e.getValue())));
                return permission.withRequestTags(tags);
            }
            return permission;
        };
    }

    /** IoT TagResource, UntagResource (ARN in the body) and ListTagsForResource (ARN in the query). */
    static Function<ApiRequest, Permission> iotTags(String action) {
        return request -> {
            if (action.endsWith(":ListTagsForResource")) {
                return new Permission(action, orAny(request.query().first("resourceArn")));
            }
            JsonNode body = body(request);
            Permission permission = new Permission(action, orAny(text(body.path("resourceArn"))));
            if (action.endsWith(":UntagResource")) {
                List<String> keys = new ArrayList<>();
                body.path("tagKeys").forEach(key -> keys.add(text(key)));
                return permission.with(TAG_KEYS, keys);
            }
            return permission.withRequestTags(keyValueList(body.path("tags")));
        };
    }

    private static Map<String, String> keyValueList(JsonNode list) {
        Map<String, String> tags = new LinkedHashMap<>();
        list.forEach(tag -> tags.put(text(tag.path("Key")), text(tag.path("Value"))));
        return tags;
    }

    private static JsonNode body(ApiRequest request) {
        if (request.body().length == 0) {
            return Json.object();
        }
        try {
            return Json.parse(request.body());
        } catch (RuntimeException e) {
            return Json.object(); // refused by the operation's own validation, once authorized
        }
    }

    private static String text(JsonNode node) {
        return node.isString() ? node.asString() : "";
    }

    private static String orAny(@Nullable String value) {
        return value == null || value.isEmpty() ? "*" : value;
    }
}
