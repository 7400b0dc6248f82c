package io.billfold.api.wallet;

import org.axonframework.serialization.Revision;

/** The wallet's low-balance threshold was set or changed, in minor units, or removed (null). */
@Revision("1")
public record WalletLowBalanceThresholdChangedEvent(String walletId, String currency, Long thresholdMinor) {
}
