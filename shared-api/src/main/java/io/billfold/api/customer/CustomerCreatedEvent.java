package io.billfold.api.customer;

import org.axonframework.serialization.Revision;

/** A customer was created, with its normalised details; {@code taxExempt} is derived from custom_data.exempt_tax. */
@Revision("1")
public record CustomerCreatedEvent(String customerId, String organizationId, CustomerDetails details, boolean taxExempt) {
}
