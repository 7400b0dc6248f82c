package io.billfold.api.wallet;

import org.axonframework.serialization.Revision;

/** A hold was released: what it reserved went back to its grants. */
@Revision("1")
public record WalletHoldReleasedEvent(String walletId, String customerId, String holdId, String currency,
                                      long amountMinor) implements HoldEnded {
}
