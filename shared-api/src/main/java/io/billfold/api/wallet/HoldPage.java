package io.billfold.api.wallet;

import io.billfold.api.ListPage;

import java.util.List;

/** A page of a wallet's holds, newest first. */
public record HoldPage(List<HoldResponse> data, boolean hasMore, String nextCursor) implements ListPage<HoldResponse> {
}
