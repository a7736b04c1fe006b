package io.corelink.app;

import io.corelink.store.Store;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Clock;

/**
 * Makes sure the store has an administrator access key: the one from the environment when given (created or updated),
 * else the stored one, else a new one, generated once, printed once and written to {@code DATA_DIR/admin-credentials}
 * (AWS shared-credentials format, profile {@code [corelink]}, mode 0600). The secret is never logged.
 */
final class AdministratorKey {
    static final String CREDENTIALS_FILE = "admin-credentials";
    private static final String KEY_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private static final String SECRET_ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    private static final SecureRandom RANDOM = new SecureRandom();

    private AdministratorKey() {
    }

    static void ensure(ServerConfig config, Store store, DataDirectory dataDir, Clock clock, PrintStream out) {
        if (config.adminAccessKeyId() != null) {
            if (isAlreadyTheAdministratorKey(store, config)) {
                return; // a restart with the same key: no write, no fsync on the way to serving
            }
            store.write(tx -> {
                tx.credentials().replaceAdministratorKey(config.adminAccessKeyId(), config.adminSecretAccessKey(),
                        clock.instant());
                return null;
            });
            return;
        }
        if (store.read(tx -> tx.credentials().administratorKeyId()).isPresent()) {
            return;
        }
        String keyId = "AKIA" + random(KEY_ALPHABET, 16);
        String secret = random(SECRET_ALPHABET, 40);
        Path file = dataDir.resolve(CREDENTIALS_FILE);
        // The file is written before the key is stored, so that a stored key always has its secret on disk.
        Path temporary = writeTemporary(file,
                "[corelink]\naws_access_key_id = " + keyId + "\naws_secret_access_key = " + secret + "\n");
        boolean stored = store.write(tx -> tx.credentials().insertAdministratorKeyIfAbsent(keyId, secret,
                clock.instant()));
        try {
            if (!stored) {
                Files.deleteIfExists(temporary); // another node of the deployment generated it first
                return;
            }
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new StartupException("cannot write " + file + ": " + e.getClass().getSimpleName());
        }
        out.println("corelink: generated administrator access key " + keyId + " (secret written to " + file + ")");
    }

    private static boolean isAlreadyTheAdministratorKey(Store store, ServerConfig config) {
        return store.read(tx -> tx.credentials().administratorKeyId().filter(config.adminAccessKeyId()::equals)
                .flatMap(id -> tx.credentials().secretOf(id)).filter(config.adminSecretAccessKey()::equals)
                .isPresent());
    }

    private static Path writeTemporary(Path file, String content) {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.deleteIfExists(temporary);
            Files.createFile(temporary);
            DataDirectory.setMode(temporary, "rw-------");
            Files.writeString(temporary, content, StandardCharsets.UTF_8);
            return temporary;
        } catch (IOException e) {
            throw new StartupException("cannot write " + file + ": " + e.getClass().getSimpleName());
        }
    }

    private static String random(String alphabet, int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return out.toString();
    }
}
