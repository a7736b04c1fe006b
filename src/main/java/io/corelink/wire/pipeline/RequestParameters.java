package io.corelink.wire.pipeline;

import io.corelink.wire.http.ApiRequest;
import io.corelink.wire.json.Json;
import io.corelink.wire.query.QueryRequest;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A request's parameters as CloudTrail's {@code requestParameters} shows them: for REST-JSON the path labels, query
 * parameters and members of the JSON body; for the query protocol its parameters but {@code Action} and
 * {@code Version}, named as CloudTrail names them (lower camel case). A member that holds a secret or a private key
 * is shown as {@value #HIDDEN}, as CloudTrail does, wherever it is.
 */
public final class RequestParameters {
    /** CloudTrail's stand-in for a value it does not record. */
    public static final String HIDDEN = "HIDDEN_DUE_TO_SECURITY_REASONS";
    private static final Set<String> SECRET_MEMBERS = Set.of("privatekey", "secretaccesskey", "password",
            "sessiontoken", "secretkey");

    private RequestParameters() {
    }

    /**
     * The parameters of a REST-JSON request as JSON text; a path label or query parameter wins over a body member of
     * the same name (the operation acts on the path). With {@code bodyChecked} (the operation parsed the body and
     * changed something) a JSON-object body is spliced in as it came, when it names no label and no member that could
     * carry a secret: parsing it again to write it out again would cost the request more than storing it. Otherwise
     * the body is parsed, and one that does not parse is left out.
     */
    public static String json(ApiRequest request, boolean bodyChecked) {
        ObjectNode path = Json.object();
        new TreeMap<>(request.labels()).forEach(path::put);
        for (Map.Entry<String, String> pair : request.query().pairs()) {
            JsonNode earlier = path.get(pair.getKey());
            if (earlier == null) {
                path.put(pair.getKey(), pair.getValue());
            } else if (earlier instanceof ArrayNode values) {
                values.add(pair.getValue());
            } else {
                path.putArray(pair.getKey()).add(earlier).add(pair.getValue());
            }
        }
        String body = request.body().length == 0 ? "" : new String(request.body(), StandardCharsets.UTF_8).strip();
        if (body.isEmpty()) {
            return path.toString();
        }
        if (bodyChecked && body.startsWith("{") && body.endsWith("}") && !mayHoldASecret(body)
                && !names(body, path)) {
            String inner = body.substring(1, body.length() - 1).strip();
            if (path.isEmpty()) {
                return "{" + inner + "}";
            }
            String head = path.toString();
            return inner.isEmpty() ? head : head.substring(0, head.length() - 1) + "," + inner + "}";
        }
        ObjectNode parameters = Json.object();
        try {
            if (Json.parse(request.body()) instanceof ObjectNode members) {
                members.properties().forEach(member -> parameters.set(member.getKey(), member.getValue()));
            }
        } catch (RuntimeException e) {
            // the operation refuses such a body; the parameters it had are shown
        }
        path.properties().forEach(member -> parameters.set(member.getKey(), member.getValue()));
        return hideSecrets(parameters).toString();
    }

    /** Whether the body may have a member named as one of the path's. */
    private static boolean names(String body, ObjectNode path) {
        for (Map.Entry<String, JsonNode> member : path.properties()) {
            if (body.contains("\"" + member.getKey() + "\"")) {
                return true;
            }
        }
        return false;
    }

    /** The parameters of a query-protocol request as JSON text. */
    public static String json(QueryRequest request) {
        ObjectNode parameters = Json.object();
        new TreeMap<>(request.parameters()).forEach((name, value) -> {
            if (!"Action".equals(name) && !"Version".equals(name) && !name.isEmpty()) {
                parameters.put(Character.toLowerCase(name.charAt(0)) + name.substring(1), value);
            }
        });
        return hideSecrets(parameters).toString();
    }

    private static boolean mayHoldASecret(String body) {
        String lower = body.toLowerCase(Locale.ROOT);
        for (String name : SECRET_MEMBERS) {
            if (lower.contains(name)) {
                return true;
            }
        }
        return false;
    }

    /** Replaces, in place and at any depth, every member that holds a secret or a private key; returns the node. */
    public static <T extends JsonNode> T hideSecrets(T node) {
        if (node instanceof ObjectNode object) {
            java.util.List<String> secrets = new java.util.ArrayList<>();
            for (Map.Entry<String, JsonNode> member : object.properties()) {
                if (SECRET_MEMBERS.contains(member.getKey().toLowerCase(Locale.ROOT))) {
                    secrets.add(member.getKey());
                } else {
                    hideSecrets(member.getValue());
                }
            }
            secrets.forEach(name -> object.put(name, HIDDEN));
        } else if (node instanceof ArrayNode array) {
            array.forEach(RequestParameters::hideSecrets);
        }
        return node;
    }
}
