package io.corelink.wire.sigv4;

import java.util.Optional;

/** Finds the secret of an access key; empty when the key is unknown. */
@FunctionalInterface
public interface CredentialLookup {
    Optional<String> secretOf(String accessKeyId);
}
