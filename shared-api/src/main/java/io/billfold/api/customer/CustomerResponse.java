package io.billfold.api.customer;

import com.fasterxml.jackson.annotation.JsonRawValue;
import io.billfold.api.contact.ContactResponse;

import java.time.Instant;
import java.util.List;

/** A customer as the API shows it, on both sides. {@code customData} is JSON text, rendered verbatim as an object. */
public record CustomerResponse(
        String id,
        String customerName,
        String externalId,
        String email,
        String phoneNumber,
        Address address,
        Address shipToAddress,
        List<TaxIdentifier> taxInfo,
        @JsonRawValue String customData,
        boolean taxExempt,
        boolean communicationsEnabled,
        boolean autoChargeEnabled,
        String businessEntityId,
        Connector connector,
        String parentCustomerId,
        List<ContactResponse> contacts,
        boolean archived,
        boolean erased,
        Instant createdAt,
        Instant updatedAt,
        long version) {
}
