package io.corelink.app;

import io.corelink.service.CallerIdentities;
import io.corelink.wire.sigv4.CredentialLookup;
import java.util.Optional;

/** The secrets SigV4 verification needs, from the cached caller identities (the administrator's and users' keys). */
final class CachedCredentials implements CredentialLookup {
    private final CallerIdentities identities;

    CachedCredentials(CallerIdentities identities) {
        this.identities = identities;
    }

    @Override
    public Optional<String> secretOf(String accessKeyId) {
        return identities.find(accessKeyId).map(CallerIdentities.Caller::secret);
    }
}
