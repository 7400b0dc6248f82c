package io.billfold.webhooks;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.List;

/** A webhook endpoint as the API shows it; {@code secret} only in the answers that create or rotate it. */
record WebhookEndpoint(String id, String url, List<String> eventTypes, String description, String status,
                       String disabledReason, @JsonInclude(JsonInclude.Include.NON_NULL) String secret,
                       Instant createdAt, Instant updatedAt) {

    WebhookEndpoint withSecret(String shown) {
        return new WebhookEndpoint(id, url, eventTypes, description, status, disabledReason, shown, createdAt,
                updatedAt);
    }
}
