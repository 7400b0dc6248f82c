package io.billfold.webhooks;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

/**
 * Seals endpoint secrets for the database. With {@code BILLFOLD_MASTER_KEY} (base64 of 32 bytes) they are encrypted
 * with AES-256-GCM under a key derived from it, bound to their endpoint, so a dump of the database alone does not
 * give them away; without it they are stored as they are (and a warning says so at start). The first byte says which:
 * a secret sealed before a master key was configured stays readable.
 */
@Component
class SecretBox {

    private static final Logger log = LoggerFactory.getLogger(SecretBox.class);
    private static final byte PLAIN = 0;
    private static final byte AES_GCM = 1;
    private static final int IV_BYTES = 12;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;

    SecretBox(MasterKeySettings settings) {
        String masterKey = settings.masterKey();
        if (masterKey.isBlank()) {
            key = null;
            log.warn("BILLFOLD_MASTER_KEY is not set: webhook endpoint secrets are stored unencrypted");
        } else {
            byte[] master = Base64.getDecoder().decode(masterKey.strip());
            if (master.length != 32) {
                throw new IllegalStateException("BILLFOLD_MASTER_KEY must be the base64 of 32 bytes");
            }
            key = new SecretKeySpec(derive(master), "AES");
        }
    }

    byte[] seal(String endpointId, byte[] secret) {
        if (key == null) {
            return ByteBuffer.allocate(1 + secret.length).put(PLAIN).put(secret).array();
        }
        try {
            byte[] iv = new byte[IV_BYTES];
            RANDOM.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
            cipher.updateAAD(endpointId.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(secret);
            return ByteBuffer.allocate(1 + IV_BYTES + sealed.length).put(AES_GCM).put(iv).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every Java runtime", e);
        }
    }

    byte[] open(String endpointId, byte[] stored) {
        if (stored[0] == PLAIN) {
            return Arrays.copyOfRange(stored, 1, stored.length);
        }
        if (key == null) {
            throw new IllegalStateException("A webhook secret is encrypted, but BILLFOLD_MASTER_KEY is not set");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, stored, 1, IV_BYTES));
            cipher.updateAAD(endpointId.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(stored, 1 + IV_BYTES, stored.length - 1 - IV_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("A webhook secret cannot be decrypted with BILLFOLD_MASTER_KEY", e);
        }
    }

    private static byte[] derive(byte[] master) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(master, "HmacSHA256"));
            return mac.doFinal("billfold webhook endpoint secrets".getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every Java runtime", e);
        }
    }
}
