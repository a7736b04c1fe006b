package io.corelink.domain.iam;

import java.security.SecureRandom;

/**
 * New identifiers and secrets in AWS's formats: access key ids {@code AKIA} + 16 base-32 characters, secrets of 40
 * base-64 characters, user ids {@code AIDA…} and policy ids {@code ANPA…} of 21 characters. Secrets come from a
 * {@link SecureRandom}.
 */
public final class IamIds {
    private static final String UPPER_ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private static final String SECRET_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    private static final SecureRandom RANDOM = new SecureRandom();

    private IamIds() {
    }

    public static String newAccessKeyId() {
        return "AKIA" + random(UPPER_ALPHANUMERIC, 16);
    }

    public static String newSecretAccessKey() {
        return random(SECRET_ALPHABET, 40);
    }

    public static String newUserId() {
        return "AIDA" + random(UPPER_ALPHANUMERIC, 17);
    }

    public static String newPolicyId() {
        return "ANPA" + random(UPPER_ALPHANUMERIC, 17);
    }

    private static String random(String alphabet, int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return text.toString();
    }
}
