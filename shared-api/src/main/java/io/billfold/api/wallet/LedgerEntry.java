package io.billfold.api.wallet;

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
                          long amountMinor, String reason, String invoiceId, EntryDetails details,
                          long balanceAfterMinor, String transferId, List<GrantAmount> consumedGrants, String grantId,
                          String holdId, Instant expiresAt) {

    private static final EntryDetails NONE = new EntryDetails(null, null, Map.of());

    /** The entry an event records; empty for the events of a wallet that record none. */
    public static Optional<LedgerEntry> of(Object event) {
        if (event instanceof WalletCreditedEvent e) {
            return Optional.of(new LedgerEntry(e.transactionId(), e.walletId(), e.customerId(), e.currency(), "credit",
                    e.amountMinor(), e.reason(), null, e.details(), e.balanceAfterMinor(), null, null, null, null,
                    e.expiresAt()));
        }
        if (event instanceof WalletDebitedEvent e) {
            return Optional.of(new LedgerEntry(e.transactionId(), e.walletId(), e.customerId(), e.currency(), "debit",
                    e.amountMinor(), e.reason(), e.invoiceId(), e.details(), e.balanceAfterMinor(), null,
                    e.consumedGrants(), null, e.holdId(), null));
        }
        if (event instanceof WalletTransferredOutEvent e) {
            return Optional.of(new LedgerEntry(e.transactionId(), e.walletId(), e.customerId(), e.currency(), "debit",
                    e.amountMinor(), "transfer", null, e.details(), e.balanceAfterMinor(), e.transferId(),
                    e.consumedGrants(), null, null, null));
        }
        if (event instanceof WalletTransferredInEvent e) {
            return Optional.of(new LedgerEntry(e.transactionId(), e.walletId(), e.customerId(), e.currency(), "credit",
                    e.amountMinor(), "transfer", null, e.details(), e.balanceAfterMinor(), e.transferId(), null, null,
                    null, null));
        }
        if (event instanceof WalletGrantExpiredEvent e) {
            return Optional.of(new LedgerEntry(e.transactionId(), e.walletId(), e.customerId(), e.currency(), "expiry",
                    e.amountMinor(), "expired", null, NONE, e.balanceAfterMinor(), null, null, e.grantId(), null,
                    null));
        }
        return Optional.empty();
    }

    /** Metadata as the read model and the API keep it: empty where the event recorded none. */
    public Map<String, String> metadata() {
        return details.metadata() == null ? Map.of() : details.metadata();
    }

    /** The entry as the API shows it; {@code sequence} is the wallet version it made. */
    public TransactionResponse toResponse(long sequence, Provenance provenance) {
        return new TransactionResponse(transactionId, walletId, customerId, type, Amounts.format(amountMinor, currency),
                currency, reason, details.description(), details.reference(), invoiceId, metadata(),
                Amounts.format(balanceAfterMinor, currency), sequence, provenance, transferId,
                consumedGrants(consumedGrants, currency), grantId, holdId, expiresAt);
    }

    /** Grant amounts as the API shows them; none where nothing was recorded. */
    public static List<ConsumedGrant> consumedGrants(List<GrantAmount> grants, String currency) {
        return grants == null ? List.of() : grants.stream()
                .map(grant -> new ConsumedGrant(grant.grantId(), Amounts.format(grant.amountMinor(), currency)))
                .toList();
    }
}
