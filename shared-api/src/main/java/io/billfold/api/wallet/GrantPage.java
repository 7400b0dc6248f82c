package io.billfold.api.wallet;

import io.billfold.api.ListPage;

import java.util.List;

/** A page of a wallet's grants, oldest first. */
public record GrantPage(List<GrantResponse> data, boolean hasMore, String nextCursor)
        implements ListPage<GrantResponse> {
}
