package io.billfold.api.wallet;

import io.billfold.api.PageRequest;

/** Ledger entries of an organization's wallets, newest first (a wallet's ledger, or the audit trail). */
public record FindWalletTransactionsQuery(String organizationId, TransactionFilter filter, PageRequest page) {
}
