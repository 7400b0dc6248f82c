package io.billfold.api.wallet;

import java.time.Instant;

/**
 * A wallet as the API shows it; {@code balance} and {@code lowBalanceThreshold} (null: none) are decimal strings;
 * {@code held} is what active holds reserve, {@code available} the balance less that.
 */
public record WalletResponse(String id, String customerId, String currency, String balance, long version, Instant createdAt,
        Instant updatedAt, String lowBalanceThreshold,
        String held, String available) {
}
