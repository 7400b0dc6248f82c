package io.billfold.api.contact;

import java.time.Instant;
import java.util.List;

/** A secondary contact as the API shows it. */
public record ContactResponse(
        String id,
        String customerId,
        String firstName,
        String lastName,
        String email,
        String phoneNumber,
        String label,
        List<String> communications,
        String delivery,
        Instant createdAt,
        Instant updatedAt) {
}
