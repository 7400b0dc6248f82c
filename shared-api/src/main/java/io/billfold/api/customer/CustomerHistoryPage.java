package io.billfold.api.customer;

import io.billfold.api.ListPage;

import java.util.List;

/** A page of a customer's history, newest change first. */
public record CustomerHistoryPage(List<CustomerChange> data, boolean hasMore, String nextCursor)
        implements ListPage<CustomerChange> {
}
