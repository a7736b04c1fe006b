package io.corelink.app;

import io.corelink.store.Store;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

/**
 * The key of the webhooks' {@code X-Corelink-Signature} (operations.md §4): one per deployment, made by the first
 * node that needs it and shared through the store (every node signs alike), and written to
 * {@code DATA_DIR/webhook-secret} (mode 0600) for the operator to give the receivers. The key is the file's bytes as
 * they are: a base64 string (not decoded) with no line end.
 */
final class WebhookSecret {
    static final String FILE = "webhook-secret";
    private static final String SETTING = "events.webhookSecret";

    private WebhookSecret() {
    }

    /** @throws StartupException when the file cannot be written */
    static byte[] ensure(Store store, DataDirectory dataDir) {
        String secret = store.read(tx -> tx.settings().find(SETTING)).orElseGet(() -> {
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            return store.write(tx -> tx.settings().putIfAbsent(SETTING, Base64.getEncoder().encodeToString(random)));
        });
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        Path file = dataDir.resolve(FILE);
        try {
            // No line end: a receiver that reads the file's bytes as they are has the key.
            if (!Files.exists(file) || !Arrays.equals(Files.readAllBytes(file), bytes)) {
                DataDirectory.writeAtomically(file, secret, "rw-------");
            }
        } catch (IOException e) {
            throw new StartupException("cannot write " + file + ": " + e.getClass().getSimpleName(), e);
        }
        return bytes;
    }
}
