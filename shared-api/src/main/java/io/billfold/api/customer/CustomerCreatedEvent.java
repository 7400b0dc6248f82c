package io.billfold.api.customer;

import org.axonframework.serialization.Revision;

/** A customer was created, with its normalised details; {@code taxExempt} is derived from custom_data.exempt_tax; {@code parentCustomerId} is null for a top-level customer. */
@Revision("1")
public record CustomerCreatedEvent(String customerId, String organizationId, CustomerDetails details, boolean taxExempt,
                                   String parentCustomerId) {
}
