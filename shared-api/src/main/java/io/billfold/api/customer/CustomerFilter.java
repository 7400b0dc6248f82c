package io.billfold.api.customer;

import java.time.Instant;
import java.util.Map;

/**
 * Filters of the customer list; null means "any". {@code customData} holds top-level keys of custom_data that must
 * equal the given string.
 */
public record CustomerFilter(
        String email,
        String externalId,
        String q,
        String parentCustomerId,
        String country,
        Boolean taxExempt,
        String businessEntityId,
        boolean includeArchived,
        Instant createdAfter,
        Instant createdBefore,
        Map<String, String> customData) {

    public CustomerFilter {
        customData = customData == null ? Map.of() : Map.copyOf(customData);
    }
}
