package io.corelink.policy;

import org.jspecify.annotations.Nullable;
import io.corelink.domain.error.MalformedPolicyException;
import java.util.ArrayList;
import java.util.List;

/**
 * A policy string that may hold policy variables ({@code ${aws:username}}, {@code ${key, 'default'}}) and the
 * escapes {@code ${*}}, {@code ${?}} and {@code ${$}} for literal characters. A variable is replaced by the request's
 * value of that key, taken literally (its {@code *} is no wildcard); a variable without a value and without a
 * default makes the string match nothing. In a {@code 2008-10-17} document nothing is a variable, as in AWS.
 */
final class Template {
    private sealed interface Part permits Literal, Variable {
    }

    private record Literal(int[] codes) implements Part {
    }

    private record Variable(String key, @Nullable String fallback) implements Part {
    }

    private final String text;
    private final List<Part> parts;
    private final @Nullable Glob fixed;
    private final boolean ignoreCase;

    private Template(String text, List<Part> parts, boolean ignoreCase) {
        this.text = text;
        this.parts = parts;
        this.ignoreCase = ignoreCase;
        this.fixed = parts.stream().allMatch(Literal.class::isInstance) ? Glob.of(codes(parts), ignoreCase) : null;
    }

    /**
     * @param wildcards whether {@code *} and {@code ?} are wildcards here (StringLike, resources) or plain characters
     *     (StringEquals)
     * @throws MalformedPolicyException for an unclosed {@code ${} or a variable naming an unknown key
     */
    static Template parse(String text, boolean variables, boolean wildcards, boolean ignoreCase) {
        List<Part> parts = new ArrayList<>();
        List<Integer> literal = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            int c = text.codePointAt(i);
            if (variables && c == '$' && text.startsWith("${", i)) {
                int end = text.indexOf('}', i + 2);
                if (end < 0) {
                    throw new MalformedPolicyException("Policy variable in \"" + text + "\" is not closed with '}'.");
                }
                String inside = text.substring(i + 2, end);
                if (inside.equals("*") || inside.equals("?") || inside.equals("$")) {
                    literal.add((int) inside.charAt(0));
                } else {
                    flush(literal, parts);
                    parts.add(variable(inside, text));
                }
                i = end + 1;
                continue;
            }
            literal.add(wildcards && c == '*' ? Glob.ANY_RUN : wildcards && c == '?' ? Glob.ANY_ONE : c);
            i += Character.charCount(c);
        }
        flush(literal, parts);
        return new Template(text, List.copyOf(parts), ignoreCase);
    }

    private static Variable variable(String inside, String text) {
        String key = inside;
        String fallback = null;
        int comma = inside.indexOf(',');
        if (comma >= 0) {
            key = inside.substring(0, comma);
            String rest = inside.substring(comma + 1).strip();
            if (rest.length() < 2 || rest.charAt(0) != '\'' || rest.charAt(rest.length() - 1) != '\'') {
                throw new MalformedPolicyException("The default value of the policy variable in \"" + text
                        + "\" must be in single quotes.");
            }
            fallback = rest.substring(1, rest.length() - 1);
        }
        key = key.strip();
        if (!ConditionKeys.isKnown(key)) {
            throw new MalformedPolicyException("Policy variable ${" + key + "} names an unknown key.");
        }
        return new Variable(key, fallback);
    }

    private static void flush(List<Integer> literal, List<Part> parts) {
        if (!literal.isEmpty()) {
            parts.add(new Literal(literal.stream().mapToInt(Integer::intValue).toArray()));
            literal.clear();
        }
    }

    private static int[] codes(List<Part> parts) {
        return parts.isEmpty() ? new int[0] : ((Literal) parts.get(0)).codes();
    }

    /** The pattern for this request, or null when a variable has no value (the string then matches nothing). */
    @Nullable Glob resolve(RequestContext context) {
        if (fixed != null) {
            return fixed;
        }
        List<Integer> codes = new ArrayList<>();
        for (Part part : parts) {
            if (part instanceof Literal literal) {
                for (int c : literal.codes()) {
                    codes.add(c);
                }
            } else {
                Variable variable = (Variable) part;
                if (context.isInapplicable(variable.key())) {
                    return null;
                }
                String value = context.value(variable.key());
                if (value == null) {
                    value = variable.fallback();
                }
                if (value == null) {
                    return null;
                }
                value.codePoints().forEach(codes::add);
            }
        }
        return Glob.of(codes.stream().mapToInt(Integer::intValue).toArray(), ignoreCase);
    }

    /**
     * The text split at the colons it spells outside {@code ${…}}, each part a template of its own: an ARN pattern's
     * six parts, so that a substituted value or an escape can never add or move a separator.
     */
    static List<Template> splitArn(String text, boolean variables) {
        List<String> parts = new ArrayList<>();
        int start = 0;
        int depth = 0;
        for (int i = 0; i < text.length() && parts.size() < 5; i++) {
            char c = text.charAt(i);
            if (variables && c == '$' && text.startsWith("${", i)) {
                depth++;
            } else if (c == '}' && depth > 0) {
                depth--;
            } else if (c == ':' && depth == 0) {
                parts.add(text.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(text.substring(start));
        List<Template> templates = new ArrayList<>(parts.size());
        for (String part : parts) {
            templates.add(parse(part, variables, true, false));
        }
        return templates;
    }

    @Override
    public String toString() {
        return text;
    }
}
