package io.billfold.webhooks;

import java.time.Instant;

/** A delivery of one event to one endpoint, as the API shows it. */
record WebhookDelivery(String id, String eventId, String eventType, String status, int attempts,
                       Instant lastAttemptAt, Instant nextAttemptAt, Integer lastResponseStatus,
                       String lastResponseBody, String lastError) {
}
