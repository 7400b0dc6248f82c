package io.billfold.api.wallet;

import io.billfold.api.Actor;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One ledger entry as a wallet event records it: what the wallet read model stores and the event feed shows, read
 * from the events in one place. Amounts are minor units of {@code currency}; {@code consumedGrants} is null where the
 * event recorded none (entries stored before grants, credits, expiries).
 */
public record LedgerEntry(String transactionId, String walletId, String customerId, String currency, String type,
                          long amountMinor, String reason, String invoiceId, String description, String reference,
                          Map<String, String> metadata, long balanceAfterMinor, String transferId,
                          List<GrantAmount> consumedGrants, String grantId, String holdId, Instant expiresAt) {

    /** The entry an event records; empty for the events of a wallet that record none. */
    public static Optional<LedgerEntry> of(Object event) {
        if (event instanceof WalletCreditedEvent e) {
            return Optional.of(new LedgerEntry(e.transactionId(), e.walletId(), e.customerId(), e.currency(), "credit",
                    e.amountMinor(), e.reason(), null, e.description(), e.reference(), e.metadata(),
                    e.balanceAfterMinor(), null, null, null, null, e.expiresAt()));
        }
        if (event instanceof WalletDebitedEvent e) {
            return Optional.of(new LedgerEntry(e.transactionId(), e.walletId(), e.customerId(), e.currency(), "debit",
                    e.amountMinor(), e.reason(), e.invoiceId(), e.description(), e.reference(), e.metadata(),
                    e.balanceAfterMinor(), null, e.consumedGrants(), null, e.holdId(), null));
        }
        if (event instanceof WalletTransferredOutEvent e) {
            return Optional.of(new LedgerEntry(e.transactionId(), e.walletId(), e.customerId(), e.currency(), "debit",
                    e.amountMinor(), "transfer", null, e.description(), e.reference(), e.metadata(),
                    e.balanceAfterMinor(), e.transferId(), e.consumedGrants(), null, null, null));
        }
        if (event instanceof WalletTransferredInEvent e) {
            return Optional.of(new LedgerEntry(e.transactionId(), e.walletId(), e.customerId(), e.currency(), "credit",
                    e.amountMinor(), "transfer", null, e.description(), e.reference(), e.metadata(),
                    e.balanceAfterMinor(), e.transferId(), null, null, null, null));
        }
        if (event instanceof WalletGrantExpiredEvent e) {
            return Optional.of(new LedgerEntry(e.transactionId(), e.walletId(), e.customerId(), e.currency(), "expiry",
                    e.amountMinor(), "expired", null, null, null, Map.of(), e.balanceAfterMinor(), null, null,
                    e.grantId(), null, null));
        }
        return Optional.empty();
    }

    /** The entry as the API shows it; {@code sequence} is the wallet version it made. */
    public TransactionResponse toResponse(long sequence, Actor actor, String idempotencyKey, String requestId,
                                          Instant occurredAt) {
        return new TransactionResponse(transactionId, walletId, customerId, type, Amounts.format(amountMinor, currency),
                currency, reason, description, reference, invoiceId, metadata == null ? Map.of() : metadata,
                Amounts.format(balanceAfterMinor, currency), sequence, actor, idempotencyKey, requestId, occurredAt,
                transferId, consumedGrants(consumedGrants, currency), grantId, holdId, expiresAt);
    }

    /** Grant amounts as the API shows them; none where nothing was recorded. */
    public static List<ConsumedGrant> consumedGrants(List<GrantAmount> grants, String currency) {
        return grants == null ? List.of() : grants.stream()
                .map(grant -> new ConsumedGrant(grant.grantId(), Amounts.format(grant.amountMinor(), currency)))
                .toList();
    }
}
