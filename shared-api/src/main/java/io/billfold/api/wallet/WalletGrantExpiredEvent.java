package io.billfold.api.wallet;

import org.axonframework.serialization.Revision;

/**
 * What was left of a grant expired: a ledger entry of type {@code expiry} (reason {@code expired}). Credit a hold
 * reserved expires when the hold returns it, so a grant can expire in more than one entry.
 */
@Revision("1")
public record WalletGrantExpiredEvent(String walletId, String customerId, String transactionId, String grantId,
                                      String currency, long amountMinor, long balanceAfterMinor) {
}
