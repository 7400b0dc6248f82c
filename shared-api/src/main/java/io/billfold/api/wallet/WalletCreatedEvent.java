package io.billfold.api.wallet;

import org.axonframework.serialization.Revision;

/** A wallet was opened for a customer in one currency. */
@Revision("1")
public record WalletCreatedEvent(String walletId, String organizationId, String customerId, String currency) {
}
