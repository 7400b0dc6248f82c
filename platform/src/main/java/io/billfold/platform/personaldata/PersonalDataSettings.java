package io.billfold.platform.personaldata;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * Keys of personal data. {@code masterKey} (base64 of 32 bytes) wraps every customer's data key; unset, one is
 * generated and kept in the database. {@code previousMasterKey}: the key being rotated away from; data keys still
 * wrapped by it are rewrapped with {@code masterKey} at start. Each node keeps up to {@code keyCacheSize} unwrapped
 * data keys for at most {@code keyCacheTtl}; an erasure evicts its key on every node at once.
 */
@ConfigurationProperties("billfold.personal-data")
public record PersonalDataSettings(String masterKey, String previousMasterKey, int keyCacheSize,
                                   Duration keyCacheTtl) {
}
