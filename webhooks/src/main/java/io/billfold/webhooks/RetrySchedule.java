package io.billfold.webhooks;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When a failed delivery is tried again: exponential back-off with ±10 % jitter, so that the retries of many
 * deliveries that failed together (a receiver down) do not all come back at the same instant.
 */
final class RetrySchedule {

    private final Duration first;
    private final double factor;

    RetrySchedule(WebhookSettings settings) {
        this.first = settings.firstRetryDelay();
        this.factor = settings.retryFactor();
    }

    /** The delay after the {@code attempts}-th failed attempt (1 for the first). */
    Duration delayAfter(int attempts) {
        double nominal = first.toMillis() * Math.pow(factor, attempts - 1);
        double jitter = 0.9 + 0.2 * ThreadLocalRandom.current().nextDouble();
        return Duration.ofMillis(Math.round(nominal * jitter));
    }
}
