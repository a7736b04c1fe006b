package io.corelink.app;

import io.corelink.wire.http.PercentCodec;
import io.corelink.wire.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code corelink audit [filters] [--json]}: the server's audit log (operations.md §3), newest first, through its
 * signed {@code /corelink/v1/auditEvents}, following pages up to {@code --max-items}. One line per record (time,
 * operation, outcome, who, from where), or with {@code --json} the records as the server sends them,
 * {@code {"events":[…]}}.
 */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = {"Show the audit log: every change, denial and failed authentication, newest first."})
final class AuditCommand implements Callable<Integer> {
    private static final String PATH = "/corelink/v1/auditEvents";
    private static final int PAGE = 50;

    @Option(names = "--start-time", paramLabel = "TIME",
            description = "Only records at or after TIME (ISO-8601, such as 2026-12-02T10:00:00Z, or epoch seconds).")
    @Nullable String startTime;

    @Option(names = "--end-time", paramLabel = "TIME", description = "Only records at or before TIME.")
    @Nullable String endTime;

    @Option(names = "--event-name", paramLabel = "NAME", description = "Only this operation (CreateThing, …).")
    @Nullable String eventName;

    @Option(names = "--principal", paramLabel = "ID",
            description = "Only this caller: an access key id, a certificate id or an ARN.")
    @Nullable String principal;

    @Option(names = "--max-items", paramLabel = "N", defaultValue = "1000",
            description = "Show at most N records (default 1000).")
    int maxItems;

    @Option(names = "--json", description = "Print the records as JSON, {\"events\":[…]}.")
    boolean json;

    @Mixin
    ServerConnection server;

    @Override
    public Integer call() {
        if (maxItems < 1) {
            throw new StartupException("audit: --max-items must be at least 1");
        }
        List<JsonNode> events = new ArrayList<>();
        String token = null;
        do {
            JsonNode page = page(Math.min(PAGE, maxItems - events.size()), token);
            page.path("events").forEach(events::add);
            token = page.has("nextToken") ? page.get("nextToken").asString() : null;
        } while (token != null && events.size() < maxItems);
        if (json) {
            ObjectNode out = Json.object();
            ArrayNode list = out.putArray("events");
            events.forEach(list::add);
            System.out.println(out);
            return 0;
        }
        for (JsonNode event : events) {
            System.out.println(line(event));
        }
        if (events.isEmpty()) {
            System.out.println("no audit records match");
        }
        return 0;
    }

    private JsonNode page(int size, @Nullable String token) {
        Map<String, String> query = new LinkedHashMap<>();
        putIfSet(query, "startTime", startTime);
        putIfSet(query, "endTime", endTime);
        putIfSet(query, "eventName", eventName);
        putIfSet(query, "principal", principal);
        query.put("maxResults", Integer.toString(size));
        putIfSet(query, "nextToken", token);
        StringBuilder path = new StringBuilder(PATH);
        char separator = '?';
        for (Map.Entry<String, String> parameter : query.entrySet()) {
            path.append(separator).append(parameter.getKey()).append('=')
                    .append(PercentCodec.encode(parameter.getValue(), false));
            separator = '&';
        }
        ServerConnection.Answer answer = server.get("greengrass", path.toString());
        JsonNode body = answer.body().isEmpty() ? Json.object()
                : Json.parse(answer.body().getBytes(StandardCharsets.UTF_8));
        if (answer.status() != 200) {
            String message = body.path("message").asString("");
            throw new StartupException("audit failed: " + answer.status() + " " + answer.errorType()
                    + (message.isEmpty() ? "" : ": " + message));
        }
        return body;
    }

    private static void putIfSet(Map<String, String> query, String name, @Nullable String value) {
        if (value != null) {
            query.put(name, value);
        }
    }

    /** {@code 2026-12-02T10:00:00Z  CreateThing  OK  arn:aws:iam::…:root (AKIA…)  127.0.0.1  requestID}. */
    static String line(JsonNode event) {
        JsonNode identity = event.path("userIdentity");
        String who = identity.path("arn").asString(identity.path("type").asString("Unknown"));
        String key = identity.has("accessKeyId") ? identity.get("accessKeyId").asString()
                : identity.path("certificateId").asString("");
        String outcome = event.has("errorCode") ? event.get("errorCode").asString() : "OK";
        return String.join("  ", event.path("eventTime").asString(), event.path("eventName").asString(), outcome,
                who + (key.isEmpty() ? "" : " (" + key + ")"), event.path("sourceIPAddress").asString(),
                event.path("requestID").asString());
    }
}
