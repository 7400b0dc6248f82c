package io.billfold.webhooks;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** {@code billfold.master-key}: base64 of 32 bytes, from which the key of stored endpoint secrets is derived. */
@ConfigurationProperties("billfold")
record MasterKeySettings(@DefaultValue("") String masterKey) {
}
