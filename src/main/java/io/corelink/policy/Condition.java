package io.corelink.policy;

import org.jspecify.annotations.Nullable;
import io.corelink.domain.error.MalformedPolicyException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * One test of a statement's {@code Condition}: an operator (with its {@code IfExists} suffix and
 * {@code ForAnyValue:}/{@code ForAllValues:} prefix) applied to one key and the policy's values for it, as IAM
 * evaluates it: a value of the request matches when it matches any of the policy's values (for a negated operator:
 * none); a key the request lacks fails the test, except for negated operators, {@code …IfExists},
 * {@code ForAllValues} (vacuously true) and {@code Null}.
 */
final class Condition {
    /** The operator families of IAM's condition language. */
    enum Operator {
        STRING_EQUALS("StringEquals", Kind.STRING, false), STRING_NOT_EQUALS("StringNotEquals", Kind.STRING, true),
        STRING_EQUALS_IGNORE_CASE("StringEqualsIgnoreCase", Kind.STRING_IGNORE_CASE, false),
        STRING_NOT_EQUALS_IGNORE_CASE("StringNotEqualsIgnoreCase", Kind.STRING_IGNORE_CASE, true),
        STRING_LIKE("StringLike", Kind.STRING_LIKE, false), STRING_NOT_LIKE("StringNotLike", Kind.STRING_LIKE, true),
        NUMERIC_EQUALS("NumericEquals", Kind.NUMERIC, false), NUMERIC_NOT_EQUALS("NumericNotEquals", Kind.NUMERIC, true),
        NUMERIC_LESS_THAN("NumericLessThan", Kind.NUMERIC, false),
        NUMERIC_LESS_THAN_EQUALS("NumericLessThanEquals", Kind.NUMERIC, false),
        NUMERIC_GREATER_THAN("NumericGreaterThan", Kind.NUMERIC, false),
        NUMERIC_GREATER_THAN_EQUALS("NumericGreaterThanEquals", Kind.NUMERIC, false),
        DATE_EQUALS("DateEquals", Kind.DATE, false), DATE_NOT_EQUALS("DateNotEquals", Kind.DATE, true),
        DATE_LESS_THAN("DateLessThan", Kind.DATE, false), DATE_LESS_THAN_EQUALS("DateLessThanEquals", Kind.DATE, false),
        DATE_GREATER_THAN("DateGreaterThan", Kind.DATE, false),
        DATE_GREATER_THAN_EQUALS("DateGreaterThanEquals", Kind.DATE, false),
        BOOL("Bool", Kind.BOOL, false), BINARY_EQUALS("BinaryEquals", Kind.STRING, false),
        IP_ADDRESS("IpAddress", Kind.IP, false), NOT_IP_ADDRESS("NotIpAddress", Kind.IP, true),
        ARN_EQUALS("ArnEquals", Kind.ARN, false), ARN_LIKE("ArnLike", Kind.ARN, false),
        ARN_NOT_EQUALS("ArnNotEquals", Kind.ARN, true), ARN_NOT_LIKE("ArnNotLike", Kind.ARN, true),
        NULL("Null", Kind.NULL, false);

        final String awsName;
        final Kind kind;
        final boolean negated;

        Operator(String awsName, Kind kind, boolean negated) {
            this.awsName = awsName;
            this.kind = kind;
            this.negated = negated;
        }

        static @Nullable Operator named(String name) {
            for (Operator operator : values()) {
                if (operator.awsName.equals(name)) {
                    return operator;
                }
            }
            return null;
        }
    }

    private enum Kind { STRING, STRING_IGNORE_CASE, STRING_LIKE, NUMERIC, DATE, BOOL, IP, ARN, NULL }

    enum SetQualifier { NONE, FOR_ANY_VALUE, FOR_ALL_VALUES }

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    private final Operator operator;
    private final SetQualifier qualifier;
    private final boolean ifExists;
    private final String key;
    private final List<Predicate<String>> scalarValues; // numeric, date, bool, IP, null: no variables
    private final List<Template> templates; // string operators: variables allowed
    private final List<List<Template>> arns; // ARN operators: six parts each, variables allowed

    private Condition(Operator operator, SetQualifier qualifier, boolean ifExists, String key,
                      List<Predicate<String>> scalarValues, List<Template> templates, List<List<Template>> arns) {
        this.operator = operator;
        this.qualifier = qualifier;
        this.ifExists = ifExists;
        this.key = key;
        this.scalarValues = scalarValues;
        this.templates = templates;
        this.arns = arns;
    }

    /**
     * @param operatorName as written, e.g. {@code ForAllValues:StringLikeIfExists}
     * @param values the policy's values as text (JSON numbers and booleans in their JSON spelling)
     * @throws MalformedPolicyException for an unknown operator or key, or a value the operator cannot read
     */
    static Condition parse(String operatorName, String key, List<String> values, boolean variables) {
        String name = operatorName;
        SetQualifier qualifier = SetQualifier.NONE;
        if (name.startsWith("ForAnyValue:")) {
            qualifier = SetQualifier.FOR_ANY_VALUE;
            name = name.substring("ForAnyValue:".length());
        } else if (name.startsWith("ForAllValues:")) {
            qualifier = SetQualifier.FOR_ALL_VALUES;
            name = name.substring("ForAllValues:".length());
        }
        boolean ifExists = name.endsWith("IfExists");
        if (ifExists) {
            name = name.substring(0, name.length() - "IfExists".length());
        }
        Operator operator = Operator.named(name);
        if (operator == null || (operator == Operator.NULL && (ifExists || qualifier != SetQualifier.NONE))) {
            throw new MalformedPolicyException("Invalid Condition type : " + operatorName + ".");
        }
        if (!ConditionKeys.isKnown(key)) {
            throw new MalformedPolicyException("Condition key " + key + " is not a key Corelink knows.");
        }
        if (values.isEmpty()) {
            throw new MalformedPolicyException("Condition " + operatorName + " gives " + key + " no value.");
        }
        List<Predicate<String>> scalars = new ArrayList<>();
        List<Template> templates = new ArrayList<>();
        List<List<Template>> arns = new ArrayList<>();
        for (String value : values) {
            switch (operator.kind) {
                case STRING -> templates.add(Template.parse(value, variables, false, false));
                case STRING_IGNORE_CASE -> templates.add(Template.parse(value, variables, false, true));
                case STRING_LIKE -> templates.add(Template.parse(value, variables, true, false));
                case ARN -> arns.add(Template.splitArn(value, variables));
                case BOOL -> scalars.add(bool(operatorName, value)::equalsIgnoreCase);
                case NULL -> {
                    boolean wantsAbsent = Boolean.parseBoolean(bool(operatorName, value));
                    scalars.add(present -> Boolean.parseBoolean(present) != wantsAbsent);
                }
                case NUMERIC -> scalars.add(numeric(operator, number(operatorName, value)));
                case DATE -> scalars.add(date(operator, date(operatorName, value)));
                case IP -> scalars.add(network(operatorName, value));
            }
        }
        return new Condition(operator, qualifier, ifExists, key, List.copyOf(scalars), List.copyOf(templates),
                List.copyOf(arns));
    }

    /**
     * Whether the request passes this test. A key that cannot apply to the request, or a policy variable in the
     * values that has no value, fails it whatever the operator: its statement then matches nothing (§1), and no
     * negation, {@code IfExists} or set qualifier can turn that into a match.
     */
    boolean holds(RequestContext context) {
        if (context.isInapplicable(key)) {
            return false;
        }
        List<Glob> globs = new ArrayList<>(templates.size());
        for (Template template : templates) {
            Glob glob = template.resolve(context);
            if (glob == null) {
                return false;
            }
            globs.add(glob);
        }
        List<List<Glob>> arnGlobs = new ArrayList<>(arns.size());
        for (List<Template> parts : arns) {
            List<Glob> resolved = new ArrayList<>(parts.size());
            for (Template part : parts) {
                Glob glob = part.resolve(context);
                if (glob == null) {
                    return false;
                }
                resolved.add(glob);
            }
            arnGlobs.add(resolved);
        }
        List<String> values = context.values(key);
        if (operator == Operator.NULL) {
            String present = String.valueOf(values != null && !values.isEmpty());
            return scalarValues.stream().anyMatch(test -> test.test(present));
        }
        if (values == null || (values.isEmpty() && qualifier == SetQualifier.NONE)) {
            return ifExists || qualifier == SetQualifier.FOR_ALL_VALUES
                    || (qualifier == SetQualifier.NONE && operator.negated);
        }
        return switch (qualifier) {
            case FOR_ALL_VALUES -> values.stream().allMatch(value -> single(value, globs, arnGlobs));
            case FOR_ANY_VALUE -> values.stream().anyMatch(value -> single(value, globs, arnGlobs));
            case NONE -> operator.negated ? values.stream().allMatch(value -> single(value, globs, arnGlobs))
                    : values.stream().anyMatch(value -> single(value, globs, arnGlobs));
        };
    }

    /** One request value against the policy's values: any matches (for a negated operator: none). */
    private boolean single(String value, List<Glob> globs, List<List<Glob>> arnGlobs) {
        boolean any;
        if (operator.kind == Kind.ARN) {
            any = arnGlobs.stream().anyMatch(parts -> arnMatches(parts, value));
        } else if (!globs.isEmpty()) {
            any = globs.stream().anyMatch(glob -> glob.matches(value));
        } else {
            any = scalarValues.stream().anyMatch(test -> test.test(value));
        }
        return operator.negated != any;
    }

    /**
     * ARNs compare by their six colon-separated parts, each with wildcards (ArnEquals and ArnLike alike); the pattern
     * was split where the policy's text has its colons, so a substituted value cannot move them.
     */
    private static boolean arnMatches(List<Glob> pattern, String value) {
        String[] have = value.split(":", 6);
        if (pattern.size() != 6 || have.length != 6) {
            return false;
        }
        for (int i = 0; i < 6; i++) {
            if (!pattern.get(i).matches(have[i])) {
                return false;
            }
        }
        return true;
    }

    private static String bool(String operatorName, String value) {
        if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
            throw new MalformedPolicyException("Condition " + operatorName + " needs true or false, not \"" + value
                    + "\".");
        }
        return value.toLowerCase(Locale.ROOT);
    }

    private static BigDecimal number(String operatorName, String value) {
        try {
            return new BigDecimal(value.strip());
        } catch (NumberFormatException e) {
            throw new MalformedPolicyException("Condition " + operatorName + " needs a number, not \"" + value
                    + "\".");
        }
    }

    private static Predicate<String> numeric(Operator operator, BigDecimal wanted) {
        return value -> {
            BigDecimal have;
            try {
                have = new BigDecimal(value.strip());
            } catch (NumberFormatException e) {
                return false;
            }
            return compares(operator, have.compareTo(wanted));
        };
    }

    /** Dates as AWS reads them: ISO 8601 (a date, or a date and time with a zone) or epoch seconds. */
    static @Nullable Instant instant(String value) {
        String text = value.strip();
        try {
            if (text.matches("-?\\d+(\\.\\d+)?")) {
                return Instant.ofEpochMilli(new BigDecimal(text).movePointRight(3).longValue());
            }
            if (text.length() == 10) {
                return LocalDate.parse(text).atStartOfDay().toInstant(ZoneOffset.UTC);
            }
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException | ArithmeticException e) {
            return null;
        }
    }

    private static Instant date(String operatorName, String value) {
        Instant instant = instant(value);
        if (instant == null) {
            throw new MalformedPolicyException("Condition " + operatorName + " needs an ISO 8601 date or epoch "
                    + "seconds, not \"" + value + "\".");
        }
        return instant;
    }

    private static Predicate<String> date(Operator operator, Instant wanted) {
        return value -> {
            Instant have = instant(value);
            return have != null && compares(operator, have.compareTo(wanted));
        };
    }

    private static boolean compares(Operator operator, int comparison) {
        return switch (operator) {
            case NUMERIC_EQUALS, NUMERIC_NOT_EQUALS, DATE_EQUALS, DATE_NOT_EQUALS -> comparison == 0;
            case NUMERIC_LESS_THAN, DATE_LESS_THAN -> comparison < 0;
            case NUMERIC_LESS_THAN_EQUALS, DATE_LESS_THAN_EQUALS -> comparison <= 0;
            case NUMERIC_GREATER_THAN, DATE_GREATER_THAN -> comparison > 0;
            case NUMERIC_GREATER_THAN_EQUALS, DATE_GREATER_THAN_EQUALS -> comparison >= 0;
            default -> throw new IllegalStateException(operator.awsName + " compares nothing");
        };
    }

    /** A CIDR block ({@code 203.0.113.0/24}, {@code 2001:db8::/32}) or one address. */
    private static Predicate<String> network(String operatorName, String value) {
        String text = value.strip();
        int slash = text.indexOf('/');
        byte[] network = literalAddress(slash < 0 ? text : text.substring(0, slash));
        int bits;
        try {
            bits = slash < 0 ? (network == null ? 0 : network.length * 8) : Integer.parseInt(text.substring(slash + 1));
        } catch (NumberFormatException e) {
            bits = -1;
        }
        if (network == null || bits < 0 || bits > network.length * 8) {
            throw new MalformedPolicyException("Condition " + operatorName + " needs an IP address or CIDR block, "
                    + "not \"" + value + "\".");
        }
        int prefix = bits;
        return address -> {
            byte[] have = literalAddress(address);
            return have != null && have.length == network.length && samePrefix(have, network, prefix);
        };
    }

    /** The bytes of an IP address literal; null for anything else (never a DNS lookup). */
    private static byte @Nullable [] literalAddress(String text) {
        if (!IPV4.matcher(text).matches() && !IPV6.matcher(text).matches()) {
            return null;
        }
        try {
            return InetAddress.getByName(text).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static boolean samePrefix(byte[] a, byte[] b, int bits) {
        for (int i = 0; i < bits; i++) {
            int mask = 0x80 >>> (i % 8);
            if ((a[i / 8] & mask) != (b[i / 8] & mask)) {
                return false;
            }
        }
        return true;
    }
}
