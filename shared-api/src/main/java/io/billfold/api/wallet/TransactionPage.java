package io.billfold.api.wallet;

import io.billfold.api.ListPage;

import java.util.List;

/** A page of ledger entries, newest first. */
public record TransactionPage(List<TransactionResponse> data, boolean hasMore, String nextCursor)
        implements ListPage<TransactionResponse> {
}
