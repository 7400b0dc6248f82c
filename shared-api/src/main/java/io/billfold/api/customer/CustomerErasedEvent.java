package io.billfold.api.customer;

import org.axonframework.serialization.Revision;

/**
 * The customer's personal data was erased: its data key is gone, so every earlier event of it reads its personal
 * fields as their erased placeholders. The customer is archived and refuses every further change.
 */
@Revision("1")
public record CustomerErasedEvent(String customerId) {
}
