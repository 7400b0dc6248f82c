package io.billfold.api.wallet;

import io.billfold.api.ListPage;

import java.util.List;

/** A page of wallets. */
public record WalletPage(List<WalletResponse> data, boolean hasMore, String nextCursor)
        implements ListPage<WalletResponse> {
}
