package io.corelink.fleet;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvSchema;

/**
 * Reads an import file (operations.md §5): CSV with a header line, or JSON Lines (one object a line; recognised by
 * its first non-blank character, {@code &#123;}). Columns: {@code thingName}, {@code attributes} ({@code k=v;k=v}; in
 * JSON Lines also an object), {@code certificate}, {@code policy}, {@code coreDeviceThingName}; an empty cell is an
 * absent one. A relative certificate path is taken from the import file's directory.
 *
 * <p>A row that is wrong on its own (no thing name, no certificate, a thing named on an earlier row, bad
 * attributes) comes back with its {@link ImportRow#problem()}; it fails alone. A file that cannot be read at all,
 * or that has a column no row may have, is a {@link FleetException}.
 */
public final class ImportFile {
    static final Set<String> COLUMNS = Set.of("thingName", "attributes", "certificate", "policy",
            "coreDeviceThingName");
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private ImportFile() {
    }

    /** @throws FleetException when the file cannot be read or is neither CSV with a known header nor JSON Lines */
    public static List<ImportRow> read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new FleetException("cannot read " + file + ": no such file");
        } catch (IOException e) {
            throw new FleetException("cannot read " + file + ": " + e.getClass().getSimpleName());
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1); // a byte-order mark some editors write
        }
        Path parent = file.toAbsolutePath().getParent();
        Path base = parent == null ? Path.of("") : parent;
        List<ImportRow> rows = text.stripLeading().startsWith("{") ? jsonLines(text, base) : csv(text, base);
        return withoutRepeats(rows);
    }

    private static List<ImportRow> csv(String text, Path base) {
        List<ImportRow> rows = new ArrayList<>();
        CsvSchema schema = CsvSchema.emptySchema().withHeader();
        try (Reader reader = new java.io.StringReader(text);
             MappingIterator<Map<String, String>> values = new CsvMapper().readerForMapOf(String.class)
                     .with(schema).readValues(reader)) {
            while (values.hasNextValue()) {
                // Where the row starts: hasNextValue has read up to its first cell (a quoted cell may span lines).
                int line = values.currentLocation() == null ? rows.size() + 2 : values.currentLocation().getLineNr();
                Map<String, String> cells = values.nextValue();
                unknownColumns(cells.keySet(), "CSV header");
                rows.add(row(line, cells, parseAttributes(cells.get("attributes")), base));
            }
        } catch (JacksonException | IOException e) {
            throw new FleetException("the CSV file cannot be read: " + Fixture.firstLine(e.getMessage()));
        }
        return rows;
    }

    private static List<ImportRow> jsonLines(String text, Path base) {
        List<ImportRow> rows = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            JsonNode object;
            try {
                object = JSON.readTree(line);
            } catch (JacksonException e) {
                rows.add(new ImportRow(i + 1, "", Map.of(), "", null, null, "not a JSON object"));
                continue;
            }
            if (!object.isObject()) {
                rows.add(new ImportRow(i + 1, "", Map.of(), "", null, null, "not a JSON object"));
                continue;
            }
            unknownColumns(object.propertyNames(), "JSON member");
            Map<String, String> cells = new HashMap<>();
            object.properties().forEach(member -> {
                if (member.getValue().isValueNode() && !member.getValue().isNull()) {
                    cells.put(member.getKey(), member.getValue().asString());
                }
            });
            JsonNode attributes = object.path("attributes");
            Object parsed;
            if (attributes.isObject()) {
                Map<String, String> values = new LinkedHashMap<>();
                attributes.properties().forEach(member -> values.put(member.getKey(), member.getValue().asString()));
                parsed = values;
            } else {
                parsed = parseAttributes(cells.get("attributes"));
            }
            rows.add(row(i + 1, cells, parsed, base));
        }
        return rows;
    }

    /** {@code parsed} is the attributes, or the reason they are wrong (a String). */
    private static ImportRow row(int line, Map<String, String> cells, Object parsed, Path base) {
        String thing = blankToNull(cells.get("thingName"));
        String certificate = blankToNull(cells.get("certificate"));
        String policy = blankToNull(cells.get("policy"));
        String core = blankToNull(cells.get("coreDeviceThingName"));
        @Nullable String problem = null;
        if (thing == null) {
            problem = "thingName is required";
        } else if (certificate == null) {
            problem = "certificate is required: generate, a PEM certificate file or a PEM CSR file";
        } else if (parsed instanceof String why) {
            problem = why;
        }
        if (certificate != null && !certificate.equals(ImportRow.GENERATE)) {
            certificate = base.resolve(certificate).normalize().toString();
        }
        @SuppressWarnings("unchecked")
        Map<String, String> attributes = parsed instanceof Map<?, ?> map ? (Map<String, String>) map : Map.of();
        return new ImportRow(line, thing == null ? "" : thing, attributes, certificate == null ? "" : certificate,
                policy, core, problem);
    }

    /** {@code k=v;k=v} as a map, or why it is not one (a String). */
    private static Object parseAttributes(@Nullable String text) {
        Map<String, String> attributes = new LinkedHashMap<>();
        if (text == null || text.isBlank()) {
            return attributes;
        }
        for (String pair : text.split(";")) {
            if (pair.isBlank()) {
                continue;
            }
            int equals = pair.indexOf('=');
            if (equals <= 0) {
                return "attributes must be k=v pairs separated by ';', not '" + text + "'";
            }
            attributes.put(pair.substring(0, equals).strip(), pair.substring(equals + 1).strip());
        }
        return attributes;
    }

    private static List<ImportRow> withoutRepeats(List<ImportRow> rows) {
        Map<String, Integer> first = new HashMap<>();
        List<ImportRow> checked = new ArrayList<>(rows.size());
        for (ImportRow row : rows) {
            Integer earlier = row.problem() == null ? first.putIfAbsent(row.thingName(), row.line()) : null;
            checked.add(earlier == null ? row : row.failing("thing " + row.thingName() + " is already on line "
                    + earlier));
        }
        return checked;
    }

    private static void unknownColumns(Iterable<String> names, String what) {
        for (String name : names) {
            if (!COLUMNS.contains(name)) {
                throw new FleetException("unknown " + what + " '" + name + "'; the columns are thingName, "
                        + "attributes, certificate, policy, coreDeviceThingName");
            }
        }
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
