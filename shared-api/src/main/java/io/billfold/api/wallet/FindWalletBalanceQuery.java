package io.billfold.api.wallet;

import java.time.Instant;

/** A wallet's balance at an instant; null when the wallet does not exist. */
public record FindWalletBalanceQuery(String organizationId, String walletId, Instant at) {
}
