package io.corelink.wire.http;

import java.util.List;
import java.util.Map;

/**
 * What a request needs to be allowed to do, as the policies that authorize it name it: an action
 * ({@code service:Operation}) on a resource ARN (or {@code *}), with the condition keys the request itself gives
 * ({@code aws:RequestTag/…}, {@code aws:TagKeys}, {@code iot:thingArn}); the keys every request has (source address,
 * time, caller) are added by the authorizing stage.
 */
public record Permission(String action, String resource, Map<String, List<String>> context,
                         List<String> dependentActions) {
    public Permission {
        context = Map.copyOf(context);
        dependentActions = List.copyOf(dependentActions);
    }

    public Permission(String action, String resource, Map<String, List<String>> context) {
        this(action, resource, context, List.of());
    }

    public Permission(String action, String resource) {
        this(action, resource, Map.of());
    }

    /**
     * The same permission needing {@code other} too, on the same resource with the same keys: AWS's dependent actions
     * ({@code iam:TagUser} for a CreateUser that sets tags).
     */
    public Permission alsoNeeding(String other) {
        List<String> more = new java.util.ArrayList<>(dependentActions);
        more.add(other);
        return new Permission(action, resource, context, more);
    }

    /** The same permission with the tags a request sets: {@code aws:TagKeys} and each {@code aws:RequestTag/<key>}. */
    public Permission withRequestTags(Map<String, String> tags) {
        Map<String, List<String>> more = new java.util.HashMap<>(context);
        more.put("aws:TagKeys", List.copyOf(tags.keySet()));
        tags.forEach((key, value) -> more.put("aws:RequestTag/" + key, List.of(value)));
        return new Permission(action, resource, more, dependentActions);
    }

    /** The same permission with one more condition key. */
    public Permission with(String key, List<String> values) {
        Map<String, List<String>> more = new java.util.HashMap<>(context);
        more.put(key, List.copyOf(values));
        return new Permission(action, resource, more, dependentActions);
    }
}
