package io.corelink.api.corelink;

import io.corelink.wire.error.AwsError;
import io.corelink.wire.error.AwsException;
import io.corelink.wire.http.ApiRequest;
import io.corelink.wire.http.ApiResponse;
import io.corelink.wire.http.Operation;
import io.corelink.wire.json.Json;
import io.corelink.wire.pipeline.FaultInjection;
import io.corelink.wire.pipeline.FaultRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code /_corelink/faults} (operations.md §2), served only with {@code serve --fault-injection}: {@code PUT} a JSON
 * list of rules (replacing every rule), {@code GET} {@code {"rules":[{…the rule…,"fired":N}]}}, {@code DELETE} clears
 * them. A {@code PUT} also takes what {@code GET} answered, as it is: the {@code {"rules":[…]}} object, and each
 * rule's {@code fired}, which is ignored (a rule put again starts from 0). A list that is not valid changes nothing
 * and gets a 400 {@code ValidationException} naming the member.
 */
public final class FaultsHandler implements Operation {
    private static final Set<String> MEMBERS = Set.of("action", "error", "probability", "latencyMs", "count");
    /** GET's count of firings: accepted in a PUT and ignored, so that what GET answers can be put back. */
    private static final String FIRED = "fired";

    private final FaultInjection faults;

    public FaultsHandler(FaultInjection faults) {
        this.faults = faults;
    }

    @Override
    public ApiResponse handle(ApiRequest request) {
        switch (request.method()) {
            case "PUT" -> faults.replace(rules(request.body()));
            case "DELETE" -> faults.replace(List.of());
            default -> {
                // GET: the rules as they are
            }
        }
        ObjectNode body = Json.object();
        ArrayNode rules = body.putArray("rules");
        for (FaultInjection.Status status : faults.status()) {
            FaultRule rule = status.rule();
            ObjectNode shown = rules.addObject();
            shown.put("action", rule.action());
            shown.put("error", rule.error());
            shown.put("probability", rule.probability());
            shown.put("latencyMs", rule.latencyMs());
            shown.put("count", rule.count());
            shown.put(FIRED, status.fired());
        }
        return ApiResponse.ok(body);
    }

    private static List<FaultRule> rules(byte[] body) {
        JsonNode list;
        try {
            list = Json.parse(body);
        } catch (RuntimeException e) {
            throw invalid("the body must be a JSON list of rules");
        }
        if (list.isObject() && list.size() == 1 && list.path("rules").isArray()) {
            list = list.get("rules"); // what GET answers, put back as it is
        }
        if (!list.isArray()) {
            throw invalid("the body must be a JSON list of rules, such as [{\"action\":\"greengrass:BatchAssociate*\","
                    + "\"error\":\"ThrottlingException\",\"probability\":0.2}]");
        }
        List<FaultRule> rules = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode rule = list.get(i);
            String where = "rules[" + i + "]";
            if (!rule.isObject()) {
                throw invalid(where + " must be a JSON object");
            }
            for (Map.Entry<String, JsonNode> member : rule.properties()) {
                if (!MEMBERS.contains(member.getKey()) && !FIRED.equals(member.getKey())) {
                    throw invalid(where + " has an unknown member '" + member.getKey() + "'; a rule has " + MEMBERS);
                }
            }
            try {
                rules.add(new FaultRule(text(rule, "action", where), optionalText(rule, "error", where),
                        number(rule, "probability", where, 1), (long) number(rule, "latencyMs", where, 0),
                        rule.path("count").isNull() || rule.path("count").isMissingNode() ? null
                                : (long) number(rule, "count", where, 0)));
            } catch (IllegalArgumentException e) {
                throw invalid(where + ": " + String.valueOf(e.getMessage()));
            }
        }
        try {
            List<FaultRule> checked = List.copyOf(rules);
            new FaultInjection().replace(checked); // validates the errors without touching the rules in force
            return checked;
        } catch (IllegalArgumentException e) {
            throw invalid(String.valueOf(e.getMessage()));
        }
    }

    private static String text(JsonNode rule, String member, String where) {
        String value = optionalText(rule, member, where);
        if (value == null) {
            throw invalid(where + "." + member + " is required");
        }
        return value;
    }

    private static @Nullable String optionalText(JsonNode rule, String member, String where) {
        JsonNode value = rule.path(member);
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        if (!value.isString()) {
            throw invalid(where + "." + member + " must be a string");
        }
        return value.asString();
    }

    private static double number(JsonNode rule, String member, String where, double absent) {
        JsonNode value = rule.path(member);
        if (value.isMissingNode() || value.isNull()) {
            return absent;
        }
        if (!value.isNumber()) {
            throw invalid(where + "." + member + " must be a number");
        }
        return value.asDouble();
    }

    private static AwsException invalid(String message) {
        return new AwsException(AwsError.ValidationException, message, Map.of("reason", "OTHER"));
    }
}
