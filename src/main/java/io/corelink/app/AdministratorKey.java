package io.corelink.app;

import io.corelink.domain.iam.IamIds;
import io.corelink.store.Store;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.Optional;

/**
 * Makes sure the store has an administrator access key: the one from the environment when given (created or updated),
 * else the stored one, else a new one, generated once, printed once and written to {@code DATA_DIR/admin-credentials}
 * (AWS shared-credentials format, profile {@code [corelink]}, mode 0600). The secret is never logged.
 */
final class AdministratorKey {
    static final String CREDENTIALS_FILE = "admin-credentials";

    private AdministratorKey() {
    }

    static void ensure(ServerConfig config, Store store, DataDirectory dataDir, Clock clock, PrintStream out) {
        String keyId = config.adminAccessKeyId();
        String keySecret = config.adminSecretAccessKey();
        if (keyId != null && keySecret != null) {
            if (!isAlreadyTheAdministratorKey(store, keyId, keySecret)) {
                store.write(tx -> {
                    tx.credentials().replaceAdministratorKey(keyId, keySecret, clock.instant());
                    return null;
                });
            }
            writeCredentialsFile(dataDir.path(), keyId, keySecret);
            return;
        }
        Optional<String[]> stored = storedKey(store);
        if (stored.isPresent()) {
            // The file follows the store: a key set from the environment earlier, a restored or copied store, or a
            // new data directory of another node must never leave a key there that the server does not accept.
            writeCredentialsFile(dataDir.path(), stored.get()[0], stored.get()[1]);
            return;
        }
        String newKeyId = IamIds.newAccessKeyId();
        String secret = IamIds.newSecretAccessKey();
        Path file = dataDir.resolve(CREDENTIALS_FILE);
        // The file is written before the key is stored, so that a stored key always has its secret on disk.
        Path temporary = writeTemporary(file, content(newKeyId, secret));
        boolean inserted;
        try {
            inserted = store.write(tx -> tx.credentials().insertAdministratorKeyIfAbsent(newKeyId, secret,
                    clock.instant()));
        } catch (RuntimeException e) {
            deleteQuietly(temporary); // no secret is left behind for a key that was never stored
            throw e;
        }
        try {
            if (!inserted) {
                Files.deleteIfExists(temporary); // another node of the deployment generated it first
                storedKey(store).ifPresent(key -> writeCredentialsFile(dataDir.path(), key[0], key[1]));
                return;
            }
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new StartupException("cannot write " + file + ": " + e.getClass().getSimpleName());
        }
        out.println("corelink: generated administrator access key " + newKeyId + " (secret written to " + file
                + ")");
    }

    /** The stored administrator key as {id, secret}, when there is one. */
    static Optional<String[]> storedKey(Store store) {
        return store.read(tx -> tx.credentials().administratorKeyId()
                .flatMap(id -> tx.credentials().secretOf(id).map(secret -> new String[] {id, secret})));
    }

    /**
     * Makes {@code DIR/admin-credentials} hold this key (written atomically, mode 0600); leaves the file alone when
     * it already does, so that a restart with the same key writes nothing.
     *
     * @return whether the file was (re)written
     * @throws StartupException when the file cannot be written
     */
    static boolean writeCredentialsFile(Path dataDir, String keyId, String secret) {
        Path file = dataDir.resolve(CREDENTIALS_FILE);
        String content = content(keyId, secret);
        try {
            if (Files.isRegularFile(file) && Files.readString(file, StandardCharsets.UTF_8).equals(content)) {
                DataDirectory.setMode(file, "rw-------");
                return false;
            }
            DataDirectory.writeAtomically(file, content, "rw-------");
            return true;
        } catch (IOException e) {
            throw new StartupException("cannot write " + file + ": " + DataDirectory.describe(e));
        }
    }

    private static String content(String keyId, String secret) {
        return "[corelink]\naws_access_key_id = " + keyId + "\naws_secret_access_key = " + secret + "\n";
    }

    private static boolean isAlreadyTheAdministratorKey(Store store, String keyId, String secret) {
        return storedKey(store).filter(key -> key[0].equals(keyId) && key[1].equals(secret)).isPresent();
    }

    private static Path writeTemporary(Path file, String content) {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.deleteIfExists(temporary);
            DataDirectory.createWithMode(temporary, "rw-------");
            Files.writeString(temporary, content, StandardCharsets.UTF_8);
            return temporary;
        } catch (IOException e) {
            throw new StartupException("cannot write " + file + ": " + DataDirectory.describe(e));
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // start-up fails anyway; the next start overwrites it
        }
    }

}
