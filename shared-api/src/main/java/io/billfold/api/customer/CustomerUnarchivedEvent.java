package io.billfold.api.customer;

import org.axonframework.serialization.Revision;

/** An archived customer was brought back. */
@Revision("1")
public record CustomerUnarchivedEvent(String customerId) {
}
