package io.billfold.platform.idempotency;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * Limits of the request transaction: the largest body it buffers ({@code billfold.max-request-bytes}) and how long the
 * response of an {@code Idempotency-Key} is kept ({@code billfold.idempotency.retention}).
 */
@ConfigurationProperties("billfold")
record RequestSettings(int maxRequestBytes, Idempotency idempotency) {

    record Idempotency(Duration retention) {
    }
}
