package io.corelink.testing;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict reader of Prometheus' text exposition format 0.0.4, by its rules
 * (https://prometheus.io/docs/instrumenting/exposition_formats/): every line is a {@code # HELP}, a {@code # TYPE}
 * (at most one per metric family, before its samples), another comment, or a sample {@code name{labels} value}
 * with label values quoted and escaped ({@code \\}, {@code \"}, {@code \n}); a malformed line fails the parse.
 * Samples are kept by name and sorted labels, e.g. {@code corelink_requests_total{operation="X",status="200"}}.
 */
public final class PrometheusText {
    private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern TYPE = Pattern.compile("# TYPE (" + NAME + ") (counter|gauge|histogram|summary|untyped)");
    private static final Pattern HELP = Pattern.compile("# HELP (" + NAME + ") .*");
    private static final Pattern SAMPLE = Pattern.compile("(" + NAME + ")(?:\\{(.*)})? (\\S+)(?: -?\\d+)?");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\\\n]|\\\\[\\\\\"n])*)\",?");
    private static final Set<String> SUFFIXES = Set.of("_total", "_bucket", "_count", "_sum", "_created", "_max");

    private final Map<String, Double> samples = new LinkedHashMap<>();
    private final Map<String, String> types = new HashMap<>();

    private PrometheusText() {
    }

    /** @throws IllegalArgumentException naming the first line that breaks the format */
    public static PrometheusText parse(String text) {
        PrometheusText parsed = new PrometheusText();
        String[] lines = text.split("\n", -1);
        if (!text.endsWith("\n")) {
            throw new IllegalArgumentException("the text must end with a line feed");
        }
        for (int i = 0; i < lines.length - 1; i++) {
            parsed.line(lines[i], i + 1);
        }
        return parsed;
    }

    private void line(String line, int number) {
        if (line.isEmpty()) {
            return;
        }
        Matcher type = TYPE.matcher(line);
        if (type.matches()) {
            if (types.put(type.group(1), type.group(2)) != null) {
                throw new IllegalArgumentException("line " + number + ": a second TYPE for " + type.group(1));
            }
            return;
        }
        if (line.startsWith("# HELP ")) {
            if (!HELP.matcher(line).matches()) {
                throw new IllegalArgumentException("line " + number + ": bad HELP: " + line);
            }
            return;
        }
        if (line.startsWith("#")) {
            return;
        }
        Matcher sample = SAMPLE.matcher(line);
        if (!sample.matches()) {
            throw new IllegalArgumentException("line " + number + ": not a sample: " + line);
        }
        Map<String, String> labels = new TreeMap<>();
        String rawLabels = sample.group(2);
        if (rawLabels != null && !rawLabels.isEmpty()) {
            Matcher label = LABEL.matcher(rawLabels);
            int at = 0;
            while (at < rawLabels.length()) {
                if (!label.find(at) || label.start() != at) {
                    throw new IllegalArgumentException("line " + number + ": bad labels: " + rawLabels);
                }
                if (labels.put(label.group(1), label.group(2)) != null) {
                    throw new IllegalArgumentException("line " + number + ": label twice: " + label.group(1));
                }
                at = label.end();
            }
        }
        double value = value(sample.group(3), number);
        String name = sample.group(1);
        if (types.get(family(name)) == null && types.get(name) == null) {
            throw new IllegalArgumentException("line " + number + ": a sample before its TYPE: " + name);
        }
        String key = key(name, labels);
        if (samples.put(key, value) != null) {
            throw new IllegalArgumentException("line " + number + ": the same series twice: " + key);
        }
    }

    private static double value(String raw, int number) {
        switch (raw) {
            case "+Inf":
                return Double.POSITIVE_INFINITY;
            case "-Inf":
                return Double.NEGATIVE_INFINITY;
            case "NaN":
                return Double.NaN;
            default:
                try {
                    return Double.parseDouble(raw);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("line " + number + ": not a number: " + raw);
                }
        }
    }

    private static String family(String name) {
        for (String suffix : SUFFIXES) {
            if (name.endsWith(suffix)) {
                return name.substring(0, name.length() - suffix.length());
            }
        }
        return name;
    }

    private static String key(String name, Map<String, String> labels) {
        StringBuilder key = new StringBuilder(name);
        if (!labels.isEmpty()) {
            key.append('{');
            labels.forEach((k, v) -> key.append(k).append("=\"").append(v).append("\","));
            key.setLength(key.length() - 1);
            key.append('}');
        }
        return key.toString();
    }

    /** The value of one series, by name and labels in any order (k1, v1, k2, v2…), or null. */
    public Double value(String name, String... labels) {
        Map<String, String> sorted = new TreeMap<>();
        for (int i = 0; i < labels.length; i += 2) {
            sorted.put(labels[i], labels[i + 1]);
        }
        return samples.get(key(name, sorted));
    }

    /** The TYPE declared for a metric family, or null. */
    public String type(String family) {
        return types.get(family);
    }

    /** Every series' key. */
    public Set<String> series() {
        return samples.keySet();
    }
}
