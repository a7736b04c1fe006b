package io.corelink.app;

import io.corelink.wire.http.PercentCodec;
import io.corelink.wire.json.Json;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/**
 * {@code corelink diagnose-discovery THING}: why a client device would or would not discover its core devices, from a
 * running server (control-plane.md §8). Human-readable by default, the server's JSON with {@code --json}.
 */
@Command(name = "diagnose-discovery", mixinStandardHelpOptions = true,
        description = "Explain what a client device would get from Discover, and why.")
final class DiagnoseDiscoveryCommand implements Callable<Integer> {
    @Parameters(paramLabel = "THING", description = "The client device's thing name.")
    String thing;

    @Option(names = "--json", description = "Print the server's JSON answer.")
    boolean json;

    @Mixin
    ServerConnection server;

    @Override
    public Integer call() {
        ServerConnection.Answer answer = server.get("greengrass",
                "/corelink/v1/discoveryDiagnosis/" + PercentCodec.encode(thing, false));
        if (answer.status() != 200) {
            String message = answer.body().isEmpty() ? "" : Json.parse(answer.body().getBytes(
                    java.nio.charset.StandardCharsets.UTF_8)).path("message").asString("");
            throw new StartupException("diagnose-discovery failed: " + answer.status() + " " + answer.errorType()
                    + (message.isEmpty() ? "" : ": " + message));
        }
        if (json) {
            System.out.println(answer.body());
            return 0;
        }
        JsonNode body = Json.parse(answer.body().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        System.out.println(body.path("thingName").asString() + ": " + (body.path("wouldDiscover").asBoolean()
                ? "would discover its core devices" : "would NOT discover any core device"));
        if (body.path("thingExists").asBoolean()) {
            System.out.println("certificates:" + (body.path("certificates").isEmpty() ? " none" : ""));
            for (JsonNode certificate : body.path("certificates")) {
                JsonNode policy = certificate.path("discoverPolicy");
                System.out.println("  " + certificate.path("certificateId").asString() + "  "
                        + certificate.path("status").asString() + (policy.isMissingNode() ? "" : "  greengrass:Discover "
                        + switch (policy.path("decision").asString()) {
                            case "ALLOWED" -> "allowed by " + statement(policy);
                            case "EXPLICIT_DENY" -> "denied by " + statement(policy);
                            default -> "allowed by no attached IoT policy";
                        }));
            }
            System.out.println("core devices:" + (body.path("coreDevices").isEmpty() ? " none" : ""));
            for (JsonNode core : body.path("coreDevices")) {
                System.out.println("  " + core.path("coreDeviceThingName").asString()
                        + "  connectivity info: " + yesNo(core, "hasConnectivityInfo")
                        + "  CA certificate: " + yesNo(core, "hasCertificateAuthority")
                        + "  included: " + yesNo(core, "included"));
            }
        }
        if (!body.path("reasons").isEmpty()) {
            System.out.println("reasons:");
            for (JsonNode reason : body.path("reasons")) {
                System.out.println("  - " + reason.asString());
            }
        }
        return 0;
    }

    private static String statement(JsonNode policy) {
        return policy.path("statement").asString() + " of IoT policy " + policy.path("policyName").asString();
    }

    private static String yesNo(JsonNode node, String member) {
        return node.path(member).asBoolean() ? "yes" : "no";
    }
}
