package io.billfold.api.wallet;

import org.axonframework.serialization.Revision;

/**
 * A hold was captured: {@code capturedMinor} became the debit {@code transactionId} (recorded just before, as a
 * {@link WalletDebitedEvent}) and the rest of the hold, {@code releasedMinor}, went back to its grants.
 */
@Revision("1")
public record WalletHoldCapturedEvent(String walletId, String customerId, String holdId, String currency,
                                      String transactionId, long capturedMinor, long releasedMinor) implements HoldEnded {
}
