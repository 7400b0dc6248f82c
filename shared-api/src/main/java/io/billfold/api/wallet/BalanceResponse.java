package io.billfold.api.wallet;

import java.time.Instant;

/** A wallet's balance as it stood at an instant, after the entry with {@code sequence} (0: before any). */
public record BalanceResponse(String walletId, String currency, String balance, Instant at, long sequence) {
}
