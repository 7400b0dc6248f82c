package io.billfold.platform.eventstore;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * The event store ({@code billfold.event-store.*}): how long a tracking token waits for a gap to fill, and how many
 * events one read returns.
 */
@ConfigurationProperties("billfold.event-store")
record EventStoreSettings(Duration gapTimeout, int batchSize) {
}
