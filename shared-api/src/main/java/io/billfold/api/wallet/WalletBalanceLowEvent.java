package io.billfold.api.wallet;

import org.axonframework.serialization.Revision;

/**
 * An entry took the wallet's balance from at or above its low-balance threshold to below it. Recorded once per
 * crossing: the next one needs the balance back at or above the threshold first.
 */
@Revision("1")
public record WalletBalanceLowEvent(String walletId, String customerId, String currency, long balanceMinor,
                                    long thresholdMinor) {
}
