package io.billfold.api.wallet;

import org.axonframework.serialization.Revision;

/** An active hold reached its expiry: released, what it reserved went back to its grants. */
@Revision("1")
public record WalletHoldExpiredEvent(String walletId, String customerId, String holdId, String currency,
                                     long amountMinor) implements HoldEnded {
}
