package io.corelink.wire.sigv4;

/** Who signed a request that passed verification, and for which service its credential scope was made. */
public record VerifiedCaller(String accessKeyId, String service) {
}
