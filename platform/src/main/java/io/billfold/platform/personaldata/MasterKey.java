package io.billfold.platform.personaldata;

import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HexFormat;

/** The key that wraps every data key, and its id: the first 8 bytes of an HMAC of a fixed label under it. */
final class MasterKey {

    static final int BYTES = 32;
    private static final byte[] WRAPPED_DATA_KEY = "billfold personal data key".getBytes(StandardCharsets.UTF_8);

    private final SecretKey key;
    private final String id;

    private MasterKey(byte[] material) {
        if (material.length != BYTES) {
            throw new IllegalStateException("A master key must be 32 bytes (BILLFOLD_MASTER_KEY: base64 of 32 bytes)");
        }
        this.key = new SecretKeySpec(material, "AES");
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(material, "HmacSHA256"));
            byte[] digest = mac.doFinal("billfold master key id".getBytes(StandardCharsets.UTF_8));
            this.id = HexFormat.of().formatHex(digest, 0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every Java runtime", e);
        }
    }

    static MasterKey of(byte[] material) {
        return new MasterKey(material);
    }

    static MasterKey ofBase64(String base64) {
        try {
            return new MasterKey(Base64.getDecoder().decode(base64.strip()));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("A master key must be the base64 of 32 bytes", e);
        }
    }

    String id() {
        return id;
    }

    byte[] wrap(byte[] dataKey) {
        return AesGcm.seal(key, WRAPPED_DATA_KEY, dataKey);
    }

    byte[] unwrap(byte[] wrapped) {
        return AesGcm.open(key, WRAPPED_DATA_KEY, wrapped);
    }
}
