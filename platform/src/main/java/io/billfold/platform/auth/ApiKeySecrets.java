package io.billfold.platform.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * API key secrets. Only a SHA-256 digest of a key is stored (keys are 256-bit random, so a fast digest is enough);
 * rows are found by the digest's first 8 bytes and confirmed by comparing the whole digest in constant time.
 */
final class ApiKeySecrets {

    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiKeySecrets() {
    }

    static String newKey() {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        return "bf_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    static byte[] digest(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    static long lookupPrefix(byte[] digest) {
        long prefix = 0;
        for (int i = 0; i < 8; i++) {
            prefix = (prefix << 8) | (digest[i] & 0xff);
        }
        return prefix;
    }

    static boolean matches(byte[] storedDigest, byte[] presentedDigest) {
        return MessageDigest.isEqual(storedDigest, presentedDigest);
    }

    static boolean matches(String expectedKey, String presentedKey) {
        return !expectedKey.isEmpty() && MessageDigest.isEqual(digest(expectedKey), digest(presentedKey));
    }
}
