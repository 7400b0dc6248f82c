package io.billfold.api.wallet;

import io.billfold.api.Actor;
import java.time.Instant;
import java.util.Map;

/** One ledger entry of a wallet; amounts are decimal strings. {@code sequence} is the wallet version it made. */
public record TransactionResponse(String id, String walletId, String customerId, String type, String amount, String currency, String reason,
        String description, String reference, String invoiceId, Map<String, String> metadata, String balanceAfter,
        long sequence, Actor actor, String idempotencyKey, String requestId, Instant occurredAt, String transferId) {
}
