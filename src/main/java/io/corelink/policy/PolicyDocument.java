package io.corelink.policy;

import org.jspecify.annotations.Nullable;
import io.corelink.domain.error.MalformedPolicyException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A policy document in the JSON grammar IAM and IoT share (access-control.md §1), parsed and validated once: what
 * AWS would refuse is refused here with a {@link MalformedPolicyException} naming the first problem, and nothing of
 * the document is ever silently ignored.
 *
 * <p>{@code Version} is {@code 2012-10-17} or {@code 2008-10-17} (the default when absent, as in IAM; policy
 * variables are then plain text). {@code Statement} is one statement or a non-empty array of them; each has
 * {@code Effect}, exactly one of {@code Action}/{@code NotAction}, exactly one of {@code Resource}/{@code NotResource},
 * and may have {@code Sid} and {@code Condition}. An identity policy names no {@code Principal}.
 */
public final class PolicyDocument {
    /** The limit AWS IoT and IAM inline policies share: characters of the document, white space not counted. */
    public static final int MAX_CHARACTERS = 2048;
    public static final String CURRENT_VERSION = "2012-10-17";
    private static final String LEGACY_VERSION = "2008-10-17";
    private static final Set<String> TOP_LEVEL = Set.of("Version", "Id", "Statement");
    private static final Set<String> STATEMENT = Set.of("Sid", "Effect", "Action", "NotAction", "Resource",
            "NotResource", "Condition", "Principal", "NotPrincipal");
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private final String text;
    private final String version;
    private final List<Statement> statements;

    private PolicyDocument(String text, String version, List<Statement> statements) {
        this.text = text;
        this.version = version;
        this.statements = List.copyOf(statements);
    }

    /** The size of a document as AWS's limits count it: characters that are not white space. */
    public static int countedCharacters(String text) {
        return (int) text.codePoints().filter(c -> !Character.isWhitespace(c)).count();
    }

    /**
     * @param maxCharacters the size limit without white space ({@link #MAX_CHARACTERS} for IoT policies)
     * @throws MalformedPolicyException when AWS would refuse the document
     */
    public static PolicyDocument parse(String text, int maxCharacters) {
        long counted = countedCharacters(text);
        if (counted > maxCharacters) {
            throw new MalformedPolicyException("The policy document is " + counted + " characters long without white "
                    + "space; the limit is " + maxCharacters + ".");
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(text);
        } catch (JacksonException e) {
            // A document nested or sized beyond the parser's constraints has no location.
            tools.jackson.core.TokenStreamLocation location = e.getLocation();
            throw new MalformedPolicyException(location == null
                    ? "The policy document is not valid JSON (nested too deeply, or a value too long)."
                    : "The policy document is not valid JSON (line " + location.getLineNr() + ", column "
                            + location.getColumnNr() + ").");
        }
        if (root == null || !root.isObject()) {
            throw new MalformedPolicyException("The policy document must be a JSON object.");
        }
        unknownElement(root, TOP_LEVEL, "the policy");
        JsonNode versionNode = root.get("Version");
        String version = LEGACY_VERSION;
        if (versionNode != null) {
            if (!versionNode.isString() || !(versionNode.stringValue().equals(CURRENT_VERSION)
                    || versionNode.stringValue().equals(LEGACY_VERSION))) {
                throw new MalformedPolicyException("The policy Version must be \"" + CURRENT_VERSION + "\" or \""
                        + LEGACY_VERSION + "\".");
            }
            version = versionNode.stringValue();
        }
        JsonNode id = root.get("Id");
        if (id != null && !id.isString()) {
            throw new MalformedPolicyException("The policy Id must be a string.");
        }
        JsonNode statementNode = root.get("Statement");
        if (statementNode == null) {
            throw new MalformedPolicyException("The policy has no Statement.");
        }
        List<JsonNode> items = new ArrayList<>();
        if (statementNode.isArray()) {
            statementNode.forEach(items::add);
        } else {
            items.add(statementNode);
        }
        if (items.isEmpty()) {
            throw new MalformedPolicyException("The policy's Statement list is empty.");
        }
        boolean variables = version.equals(CURRENT_VERSION);
        List<Statement> statements = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            statements.add(statement(items.get(i), i, variables));
        }
        return new PolicyDocument(text, version, statements);
    }

    /** The document as it was written (AWS returns it unchanged). */
    public String text() {
        return text;
    }

    public String version() {
        return version;
    }

    public List<Statement> statements() {
        return statements;
    }

    private static Statement statement(JsonNode node, int index, boolean variables) {
        String where = "statement " + (index + 1);
        if (!node.isObject()) {
            throw new MalformedPolicyException("The policy's " + where + " must be a JSON object.");
        }
        unknownElement(node, STATEMENT, where);
        if (node.has("Principal") || node.has("NotPrincipal")) {
            throw new MalformedPolicyException("Policy document should not specify a principal.");
        }
        String sid = null;
        if (node.has("Sid")) {
            if (!node.get("Sid").isString()) {
                throw new MalformedPolicyException("The Sid of " + where + " must be a string.");
            }
            sid = node.get("Sid").stringValue();
        }
        JsonNode effectNode = node.get("Effect");
        if (effectNode == null || !effectNode.isString()
                || !(effectNode.stringValue().equals("Allow") || effectNode.stringValue().equals("Deny"))) {
            throw new MalformedPolicyException("The Effect of " + where + " must be \"Allow\" or \"Deny\".");
        }
        Statement.Effect effect = effectNode.stringValue().equals("Allow") ? Statement.Effect.ALLOW
                : Statement.Effect.DENY;
        boolean notAction = exactlyOne(node, "Action", "NotAction", where);
        List<Glob> actions = new ArrayList<>();
        for (String action : strings(node.get(notAction ? "NotAction" : "Action"), notAction ? "NotAction" : "Action",
                where)) {
            actions.add(action(action));
        }
        boolean notResource = exactlyOne(node, "Resource", "NotResource", where);
        List<Template> resources = new ArrayList<>();
        for (String resource : strings(node.get(notResource ? "NotResource" : "Resource"),
                notResource ? "NotResource" : "Resource", where)) {
            if (!resource.equals("*") && !resource.startsWith("arn:")) {
                throw new MalformedPolicyException("Resource " + resource + " must be in ARN format or \"*\".");
            }
            resources.add(Template.parse(resource, variables, true, false));
        }
        return new Statement(sid, index, effect, actions, notAction, resources, notResource,
                conditions(node.get("Condition"), where, variables));
    }

    private static Glob action(String action) {
        if (!action.equals("*") && !action.matches("[A-Za-z0-9-]+:[A-Za-z0-9*?]*")) {
            throw new MalformedPolicyException("Action " + action + " must be prefaced by a vendor, e.g. iot or "
                    + "greengrass, and name an operation.");
        }
        return Glob.of(action, true);
    }

    private static List<Condition> conditions(@Nullable JsonNode node, String where, boolean variables) {
        List<Condition> conditions = new ArrayList<>();
        if (node == null) {
            return conditions;
        }
        if (!node.isObject()) {
            throw new MalformedPolicyException("The Condition of " + where + " must be a JSON object.");
        }
        for (Map.Entry<String, JsonNode> operator : node.properties()) {
            if (!operator.getValue().isObject() || operator.getValue().isEmpty()) {
                throw new MalformedPolicyException("Condition " + operator.getKey() + " of " + where
                        + " must map condition keys to values.");
            }
            for (Map.Entry<String, JsonNode> key : operator.getValue().properties()) {
                conditions.add(Condition.parse(operator.getKey(), key.getKey(),
                        scalars(key.getValue(), operator.getKey(), where), variables));
            }
        }
        return conditions;
    }

    /** A condition's values: a string, number or boolean, or an array of them. */
    private static List<String> scalars(JsonNode node, String operator, String where) {
        List<String> values = new ArrayList<>();
        List<JsonNode> items = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(items::add);
        } else {
            items.add(node);
        }
        for (JsonNode item : items) {
            if (item.isString()) {
                values.add(item.stringValue());
            } else if (item.isNumber() || item.isBoolean()) {
                values.add(item.asString());
            } else {
                throw new MalformedPolicyException("Condition " + operator + " of " + where
                        + " has a value that is not a string, number or boolean.");
            }
        }
        return values;
    }

    /** Returns whether the {@code not} form is the one present. */
    private static boolean exactlyOne(JsonNode node, String element, String not, String where) {
        boolean has = node.has(element);
        boolean hasNot = node.has(not);
        if (has == hasNot) {
            throw new MalformedPolicyException("The policy's " + where + " must have exactly one of " + element
                    + " and " + not + ".");
        }
        return hasNot;
    }

    /** A string or a non-empty array of strings. */
    private static List<String> strings(JsonNode node, String element, String where) {
        List<String> values = new ArrayList<>();
        if (node.isString()) {
            values.add(node.stringValue());
        } else if (node.isArray() && !node.isEmpty()) {
            for (JsonNode item : node) {
                if (!item.isString()) {
                    throw new MalformedPolicyException("The " + element + " of the policy's " + where
                            + " must hold strings only.");
                }
                values.add(item.stringValue());
            }
        } else {
            throw new MalformedPolicyException("The " + element + " of the policy's " + where
                    + " must be a string or a non-empty list of strings.");
        }
        return values;
    }

    private static void unknownElement(JsonNode node, Set<String> known, String where) {
        for (String name : node.propertyNames()) {
            if (!known.contains(name)) {
                throw new MalformedPolicyException("Unknown element " + name + " in " + where + ".");
            }
        }
    }
}
