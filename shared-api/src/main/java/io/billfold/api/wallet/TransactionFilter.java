package io.billfold.api.wallet;

import java.time.Instant;

/** Filters of a ledger or of the audit trail; null means any. */
public record TransactionFilter(String walletId, String customerId, String actorId, String type, String reason, Instant from, Instant to) {
}
