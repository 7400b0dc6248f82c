package io.billfold.platform.auth;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The keys given by configuration: the platform operator's ({@code billfold.operator-key}; blank: no operator) and the
 * admin key of the organization created on the first start ({@code billfold.bootstrap-admin-key}; blank: a random
 * one).
 */
@ConfigurationProperties("billfold")
record KeySettings(String operatorKey, String bootstrapAdminKey) {
}
