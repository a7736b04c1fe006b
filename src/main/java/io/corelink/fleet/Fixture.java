package io.corelink.fleet;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;

/**
 * A fleet as {@code corelink apply}, {@code export} and {@code serve --init} read and write it (operations.md §5): IoT
 * policies, things with their attributes, certificates and policies, and core devices with their connectivity, CA
 * certificates and client devices.
 *
 * <p>Read strictly: a key the format does not have, or a value of the wrong kind, is an error naming where it is
 * ({@code things[2].atributes}), before anything is applied. A certificate or CA entry is {@code generate}, a file
 * path (relative to the fixture's directory), or the PEM text itself ({@code export} writes PEM text); a
 * certificate entry may also be {@code {certificatePem: PEM-or-path, status: INACTIVE}}.
 */
public record Fixture(List<Policy> policies, List<Thing> things, List<CoreDevice> coreDevices) {
    public static final String GENERATE = ImportRow.GENERATE;
    private static final YAMLMapper YAML = YAMLMapper.builder()
            // Values quoted: "2012-10-17" must stay a string for YAML 1.1 readers too.
            .enable(YAMLWriteFeature.LITERAL_BLOCK_STYLE)
            .disable(YAMLWriteFeature.WRITE_DOC_START_MARKER).build();

    /** An IoT policy and its default version's document. */
    public record Policy(String name, String document) {
    }

    /** A certificate of a thing: {@code generate}, PEM text or a path; the status it is registered with. */
    public record Certificate(String source, String status) {
    }

    /** A thing; {@code attributes} null leaves them as they are. */
    public record Thing(String name, @Nullable Map<String, String> attributes, List<Certificate> certificates,
                        List<String> policies) {
    }

    /** A connectivity entry as UpdateConnectivityInfo takes it; {@code id} "" when it has none (AWS allows that). */
    public record Connectivity(String id, String hostAddress, int portNumber, String metadata) {
    }

    /** A core device; null lists are left as they are. */
    public record CoreDevice(String name, @Nullable List<Connectivity> connectivity,
                             @Nullable List<String> certificateAuthorities, @Nullable List<String> clientDevices) {
    }

    /**
     * @param base the directory relative paths are taken from
     * @throws FleetException naming the place of the first thing wrong
     */
    public static Fixture parse(String yaml, Path base) {
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (JacksonException e) {
            throw new FleetException("not YAML: " + firstLine(e.getOriginalMessage()));
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return new Fixture(List.of(), List.of(), List.of());
        }
        Reader reader = new Reader(base);
        return reader.fixture(root);
    }

    /** The fixture as YAML, PEM texts as literal blocks. */
    public String toYaml() {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        ObjectNode root = nodes.objectNode();
        ArrayNode policyNodes = root.putArray("policies");
        for (Policy policy : policies) {
            ObjectNode node = policyNodes.addObject().put("name", policy.name());
            try {
                node.set("document", YAML.readTree(policy.document()));
            } catch (JacksonException e) {
                node.put("document", policy.document());
            }
        }
        ArrayNode thingNodes = root.putArray("things");
        for (Thing thing : things) {
            ObjectNode node = thingNodes.addObject().put("name", thing.name());
            ObjectNode attributes = node.putObject("attributes");
            Map<String, String> values = thing.attributes();
            if (values != null) {
                values.forEach(attributes::put);
            }
            ArrayNode certificates = node.putArray("certificates");
            for (Certificate certificate : thing.certificates()) {
                if ("ACTIVE".equals(certificate.status())) {
                    certificates.add(certificate.source());
                } else {
                    certificates.addObject().put("certificatePem", certificate.source())
                            .put("status", certificate.status());
                }
            }
            ArrayNode policyNames = node.putArray("policies");
            thing.policies().forEach(policyNames::add);
        }
        ArrayNode coreNodes = root.putArray("coreDevices");
        for (CoreDevice core : coreDevices) {
            ObjectNode node = coreNodes.addObject().put("name", core.name());
            ArrayNode connectivity = node.putArray("connectivity");
            for (Connectivity entry : java.util.Objects.requireNonNullElse(core.connectivity(),
                    List.<Connectivity>of())) {
                ObjectNode written = connectivity.addObject();
                if (!entry.id().isEmpty()) {
                    written.put("id", entry.id());
                }
                written.put("hostAddress", entry.hostAddress()).put("portNumber", entry.portNumber())
                        .put("metadata", entry.metadata());
            }
            ArrayNode authorities = node.putArray("certificateAuthorities");
            java.util.Objects.requireNonNullElse(core.certificateAuthorities(), List.<String>of())
                    .forEach(authorities::add);
            ArrayNode clients = node.putArray("clientDevices");
            java.util.Objects.requireNonNullElse(core.clientDevices(), List.<String>of()).forEach(clients::add);
        }
        return YAML.writeValueAsString(root);
    }

    /** The first line of a parser's message (the rest repeats the input, which may be long). */
    static String firstLine(@Nullable String message) {
        if (message == null) {
            return "malformed";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    /** Reads the tree, with the path of each value for the messages. */
    private static final class Reader {
        private final Path base;

        Reader(Path base) {
            this.base = base;
        }

        Fixture fixture(JsonNode root) {
            object(root, "the fixture", Set.of("policies", "things", "coreDevices"));
            List<Policy> policies = new ArrayList<>();
            each(root.path("policies"), "policies", (node, where) -> {
                object(node, where, Set.of("name", "document"));
                JsonNode document = node.path("document");
                String text;
                if (document.isString()) {
                    text = document.asString();
                } else if (document.isObject()) {
                    text = document.toString();
                } else {
                    throw new FleetException(where + ".document: a policy document (a mapping or JSON text) is "
                            + "required");
                }
                policies.add(new Policy(text(node, where, "name"), text));
            });
            List<Thing> things = new ArrayList<>();
            each(root.path("things"), "things", (node, where) -> {
                object(node, where, Set.of("name", "attributes", "certificates", "policies"));
                Map<String, String> attributes = null;
                JsonNode values = node.path("attributes");
                if (!values.isMissingNode() && !values.isNull()) {
                    if (!values.isObject()) {
                        throw new FleetException(where + ".attributes: a mapping of names to values is required");
                    }
                    attributes = new LinkedHashMap<>();
                    for (Map.Entry<String, JsonNode> value : values.properties()) {
                        if (!value.getValue().isValueNode() || value.getValue().isNull()) {
                            throw new FleetException(where + ".attributes." + value.getKey() + ": a value is "
                                    + "required");
                        }
                        if (!value.getValue().isString()) {
                            // 1.10 would become "1.1", 007 "7": say so rather than store what was not written.
                            throw new FleetException(where + ".attributes." + value.getKey() + ": quote the value "
                                    + "(\"" + value.getValue().asString() + "\"?): unquoted, YAML reads it as a "
                                    + (value.getValue().isBoolean() ? "boolean" : "number"));
                        }
                        attributes.put(value.getKey(), value.getValue().asString());
                    }
                }
                List<Certificate> certificates = new ArrayList<>();
                each(node.path("certificates"), where + ".certificates", (entry, at) -> {
                    if (entry.isObject()) {
                        object(entry, at, Set.of("certificatePem", "status"));
                        String status = entry.path("status").isString() ? entry.path("status").asString()
                                : "ACTIVE";
                        if (!Set.of("ACTIVE", "INACTIVE", "REVOKED", "PENDING_TRANSFER",
                                "PENDING_ACTIVATION").contains(status)) {
                            throw new FleetException(at + ".status: '" + status + "' is not a certificate status");
                        }
                        certificates.add(new Certificate(source(text(entry, at, "certificatePem")), status));
                    } else {
                        certificates.add(new Certificate(source(scalar(entry, at)), "ACTIVE"));
                    }
                });
                if (certificates.stream().filter(c -> c.source().equals(GENERATE)).count() > 1) {
                    throw new FleetException(where + ".certificates: 'generate' may appear once");
                }
                things.add(new Thing(text(node, where, "name"), attributes, certificates,
                        strings(node.path("policies"), where + ".policies")));
            });
            List<CoreDevice> cores = new ArrayList<>();
            each(root.path("coreDevices"), "coreDevices", (node, where) -> {
                object(node, where, Set.of("name", "connectivity", "certificateAuthorities", "clientDevices"));
                List<Connectivity> connectivity = null;
                if (present(node.path("connectivity"))) {
                    List<Connectivity> entries = new ArrayList<>();
                    each(node.path("connectivity"), where + ".connectivity", (entry, at) -> {
                        object(entry, at, Set.of("id", "hostAddress", "portNumber", "metadata"));
                        JsonNode port = entry.path("portNumber");
                        if (!port.isMissingNode() && !port.canConvertToInt()) {
                            throw new FleetException(at + ".portNumber: a number 0..65535 is required");
                        }
                        JsonNode id = entry.path("id");
                        entries.add(new Connectivity(id.isValueNode() && !id.isNull() ? id.asString().strip() : "",
                                text(entry, at, "hostAddress"),
                                port.isMissingNode() ? 8883 : port.asInt(), entry.path("metadata").isMissingNode()
                                        || entry.path("metadata").isNull() ? "" : entry.path("metadata").asString()));
                    });
                    connectivity = entries;
                }
                List<String> authorities = null;
                if (present(node.path("certificateAuthorities"))) {
                    authorities = strings(node.path("certificateAuthorities"), where + ".certificateAuthorities")
                            .stream().map(this::source).toList();
                }
                List<String> clients = present(node.path("clientDevices"))
                        ? strings(node.path("clientDevices"), where + ".clientDevices") : null;
                cores.add(new CoreDevice(text(node, where, "name"), connectivity, authorities, clients));
            });
            return new Fixture(policies, things, cores);
        }

        /** {@code generate} and PEM text as they are; a path taken from the fixture's directory. */
        private String source(String value) {
            if (value.equals(GENERATE) || value.startsWith("-----BEGIN")) {
                return value;
            }
            return base.resolve(value).normalize().toString();
        }

        private static boolean present(JsonNode node) {
            return !node.isMissingNode() && !node.isNull();
        }

        private static void each(JsonNode list, String where, java.util.function.BiConsumer<JsonNode, String> read) {
            if (!present(list)) {
                return;
            }
            if (!list.isArray()) {
                throw new FleetException(where + ": a list is required");
            }
            for (int i = 0; i < list.size(); i++) {
                read.accept(list.get(i), where + "[" + i + "]");
            }
        }

        private static List<String> strings(JsonNode list, String where) {
            List<String> values = new ArrayList<>();
            each(list, where, (node, at) -> values.add(scalar(node, at)));
            return values;
        }

        private static void object(JsonNode node, String where, Set<String> keys) {
            if (!node.isObject()) {
                throw new FleetException(where + ": a mapping is required");
            }
            for (String key : node.propertyNames()) {
                if (!keys.contains(key)) {
                    throw new FleetException(where + "." + key + ": not part of the format (it has "
                            + String.join(", ", new java.util.TreeSet<>(keys)) + ")");
                }
            }
        }

        private static String text(JsonNode node, String where, String key) {
            JsonNode value = node.path(key);
            if (!value.isValueNode() || value.isNull() || value.asString().isBlank()) {
                throw new FleetException(where + "." + key + ": a value is required");
            }
            return scalar(value, where + "." + key);
        }

        private static String scalar(JsonNode node, String where) {
            if (!node.isValueNode() || node.isNull() || node.asString().isBlank()) {
                throw new FleetException(where + ": a value is required");
            }
            return node.asString().strip().startsWith("-----BEGIN") ? node.asString() : node.asString().strip();
        }
    }
}
