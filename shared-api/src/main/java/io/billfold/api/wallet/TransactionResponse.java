package io.billfold.api.wallet;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One ledger entry of a wallet; amounts are decimal strings. {@code sequence} is the wallet version it made. Type
 * {@code credit}, {@code debit} or {@code expiry}; {@code consumedGrants} for what a debit took from which grant,
 * {@code grantId} for an expiry, {@code holdId} for a capture, {@code expiresAt} for a credit that expires. The API
 * writes {@code provenance}'s members as the entry's own ({@code actor}, {@code idempotency_key}, {@code request_id},
 * {@code occurred_at}); the entry's details stay members of their own too, since {@code invoice_id} stands among them.
 */
public record TransactionResponse(String id, String walletId, String customerId, String type, String amount,
                                  String currency, String reason, String description, String reference,
                                  String invoiceId, Map<String, String> metadata, String balanceAfter, long sequence,
                                  @JsonUnwrapped Provenance provenance, String transferId,
                                  List<ConsumedGrant> consumedGrants, String grantId, String holdId,
                                  Instant expiresAt) {
}
