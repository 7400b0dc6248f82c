package io.billfold.api.wallet;

import java.time.Instant;

/** A wallet as the API shows it; {@code balance} is a decimal string. */
public record WalletResponse(String id, String customerId, String currency, String balance, long version, Instant createdAt,
        Instant updatedAt) {
}
