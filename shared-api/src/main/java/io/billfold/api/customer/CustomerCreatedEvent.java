package io.billfold.api.customer;

import io.billfold.api.DataSubject;
import org.axonframework.serialization.Revision;

/** A customer was created, with its normalised details; {@code taxExempt} is derived from custom_data.exempt_tax; {@code parentCustomerId} is null for a top-level customer. */
@Revision("1")
public record CustomerCreatedEvent(@DataSubject String customerId, String organizationId, CustomerDetails details, boolean taxExempt,
                                   String parentCustomerId) {
}
