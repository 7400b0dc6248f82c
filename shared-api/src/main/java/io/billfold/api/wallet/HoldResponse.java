package io.billfold.api.wallet;

import java.time.Instant;

/**
 * A hold as the API shows it: {@code status} {@code active}, {@code captured}, {@code released} or {@code expired};
 * {@code capturedAmount} once captured.
 */
public record HoldResponse(String id, String walletId, String customerId, String amount, String currency,
                           String status, String reference, String description, String capturedAmount,
                           String captureTransactionId, Instant expiresAt, Instant createdAt, Instant updatedAt) {
}
