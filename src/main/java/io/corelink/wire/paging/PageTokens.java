package io.corelink.wire.paging;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals and opens {@code nextToken}s. A token is the AES-256-GCM encryption of the last key of a page, with the
 * listing it belongs to (operation and filters) as associated data: it is opaque to clients, any change to it is
 * detected, and a token of one listing cannot be used for another. The key is shared through the store, so every node
 * of a deployment opens every node's tokens.
 */
public final class PageTokens {
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    // Standard base64: IoT's ListCertificates marker must match [A-Za-z0-9+/]+={0,2}; clients percent-encode it.
    private static final Base64.Encoder ENCODER = Base64.getEncoder();
    private static final Base64.Decoder DECODER = Base64.getDecoder();

    private final SecretKey key;
    private final SecureRandom random = new SecureRandom();

    public PageTokens(byte[] key) {
        if (key.length != 32) {
            throw new IllegalArgumentException("a page-token key has 32 bytes");
        }
        this.key = new SecretKeySpec(key, "AES");
    }

    /** A new random key, for a store that has none yet. */
    public static byte[] newKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }

    /** Seals {@code position} (the last key of the page) for the listing {@code scope}. */
    public String seal(String scope, String position) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, nonce, scope);
            byte[] sealed = cipher.doFinal(position.getBytes(StandardCharsets.UTF_8));
            return ENCODER.encodeToString(ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every JDK", e);
        }
    }

    /** The position sealed in {@code token} for {@code scope}; empty when the token is forged, altered or foreign. */
    public Optional<String> open(String scope, String token) {
        byte[] bytes;
        try {
            bytes = DECODER.decode(token);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (bytes.length <= NONCE_BYTES + TAG_BITS / 8) {
            return Optional.empty();
        }
        try {
            byte[] nonce = java.util.Arrays.copyOf(bytes, NONCE_BYTES);
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, nonce, scope);
            byte[] position = cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES);
            return Optional.of(new String(position, StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            return Optional.empty();
        }
    }

    private Cipher cipher(int mode, byte[] nonce, String scope) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(scope.getBytes(StandardCharsets.UTF_8));
        return cipher;
    }
}
