package io.billfold.api.customer;

import org.axonframework.serialization.Revision;

/** The customer was archived; its email and external_id are free for reuse. */
@Revision("1")
public record CustomerArchivedEvent(String customerId) {
}
