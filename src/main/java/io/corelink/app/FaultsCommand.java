package io.corelink.app;

import io.corelink.wire.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code corelink faults set FILE | list | clear}: the fault rules of a server started with {@code --fault-injection}
 * (operations.md §2), through its signed {@code /_corelink/faults} endpoint. Prints the rules in force (with how often
 * each fired) as the server's JSON.
 */
@Command(name = "faults", mixinStandardHelpOptions = true,
        description = {"Set, list or clear the faults a server started with --fault-injection injects.",
            "set FILE: replace the rules with FILE's JSON list of rules, such as",
            "  [{\"action\":\"greengrass:BatchAssociate*\",\"error\":\"ThrottlingException\",\"probability\":0.2}]",
            "list: the rules and how often each fired; clear: remove every rule."})
final class FaultsCommand implements Callable<Integer> {
    private static final String PATH = "/_corelink/faults";

    @Parameters(index = "0", paramLabel = "set|list|clear", description = "What to do.")
    String verb;

    @Parameters(index = "1", arity = "0..1", paramLabel = "FILE", description = "The rules, for set.")
    Path file;

    @Mixin
    ServerConnection server;

    @Override
    public Integer call() {
        ServerConnection.Answer answer = switch (verb) {
            case "set" -> server.send("PUT", "corelink", PATH, rules());
            case "list" -> server.get("corelink", PATH);
            case "clear" -> server.send("DELETE", "corelink", PATH, new byte[0]);
            default -> throw new StartupException("faults: say set FILE, list or clear, not '" + verb + "'");
        };
        if (answer.status() != 200) {
            String message = answer.body().isEmpty() ? "" : Json.parse(answer.body().getBytes(
                    java.nio.charset.StandardCharsets.UTF_8)).path("message").asString("");
            throw new StartupException("faults " + verb + " failed: " + answer.status() + " " + answer.errorType()
                    + (message.isEmpty() ? "" : ": " + message) + (answer.status() == 404
                    ? " (is the server started with --fault-injection?)" : ""));
        }
        System.out.println(answer.body());
        return 0;
    }

    private byte[] rules() {
        if (file == null) {
            throw new StartupException("faults set needs the FILE of rules");
        }
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new StartupException("cannot read " + file + ": " + e.getClass().getSimpleName());
        }
    }
}
