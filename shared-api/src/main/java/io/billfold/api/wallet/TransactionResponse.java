package io.billfold.api.wallet;

import io.billfold.api.Actor;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One ledger entry of a wallet; amounts are decimal strings. {@code sequence} is the wallet version it made. Type
 * {@code credit}, {@code debit} or {@code expiry}; {@code consumedGrants} for what a debit took from which grant,
 * {@code grantId} for an expiry, {@code holdId} for a capture, {@code expiresAt} for a credit that expires.
 */
public record TransactionResponse(String id, String walletId, String customerId, String type, String amount, String currency, String reason,
        String description, String reference, String invoiceId, Map<String, String> metadata, String balanceAfter,
        long sequence, Actor actor, String idempotencyKey, String requestId, Instant occurredAt, String transferId,
        List<ConsumedGrant> consumedGrants, String grantId, String holdId, Instant expiresAt) {
}
