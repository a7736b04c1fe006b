package io.corelink.store;

import java.util.Optional;

/**
 * Access keys that may sign requests. SigV4 verification needs the secret itself, so secrets are stored as they are;
 * the store's files are readable by their owner only.
 */
public interface CredentialRepository {

    /** The secret of an access key, when the key exists. */
    Optional<String> secretOf(String accessKeyId);

    /** The administrator's access key id, when one exists. */
    Optional<String> administratorKeyId();

    /**
     * Makes {@code accessKeyId} the one administrator key, replacing any other administrator key.
     */
    void replaceAdministratorKey(String accessKeyId, String secretAccessKey, java.time.Instant now);

    /**
     * Stores {@code accessKeyId} as the administrator key unless one exists already (also when another node races
     * to do the same); returns whether this call stored it.
     */
    boolean insertAdministratorKeyIfAbsent(String accessKeyId, String secretAccessKey, java.time.Instant now);
}
