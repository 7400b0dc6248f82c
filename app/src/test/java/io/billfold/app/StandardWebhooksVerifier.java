package io.billfold.app;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * Verifies a webhook as the Standard Webhooks specification tells a receiver to, written from its text and not from
 * Billfold's sender: the signed content is {@code msg_id.timestamp.payload}; the key is the base64-decoded part of the
 * secret after {@code whsec_}; the header holds space-delimited {@code v1,<base64 HMAC-SHA256>} signatures, any of which
 * may match, compared in constant time; a timestamp too far from now is refused.
 */
final class StandardWebhooksVerifier {

    private static final long TOLERANCE_SECONDS = 5 * 60;

    private StandardWebhooksVerifier() {
    }

    static boolean verify(String secret, String msgId, String timestamp, String signatureHeader, String payload,
                          long nowSeconds) {
        if (msgId == null || timestamp == null || signatureHeader == null) {
            return false;
        }
        if (Math.abs(nowSeconds - Long.parseLong(timestamp)) > TOLERANCE_SECONDS) {
            return false;
        }
        try {
            byte[] key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec(key, "HmacSHA256"));
            String signedContent = msgId + "." + timestamp + "." + payload;
            byte[] expected = Base64.getEncoder().encode(hmac.doFinal(signedContent.getBytes(StandardCharsets.UTF_8)));
            for (String versioned : signatureHeader.split(" ")) {
                int comma = versioned.indexOf(',');
                if (comma > 0 && versioned.substring(0, comma).equals("v1") && MessageDigest.isEqual(expected,
                        versioned.substring(comma + 1).getBytes(StandardCharsets.US_ASCII))) {
                    return true;
                }
            }
            return false;
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
