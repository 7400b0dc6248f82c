package io.billfold.api.wallet;

import java.time.Instant;

/**
 * A grant as the API shows it: {@code id} is the credit's transaction id; {@code status} {@code active} (something
 * left), {@code consumed} or {@code expired} (something of it expired).
 */
public record GrantResponse(String id, String walletId, String amount, String remaining, String currency,
                            Instant expiresAt, String status, Instant createdAt) {
}
