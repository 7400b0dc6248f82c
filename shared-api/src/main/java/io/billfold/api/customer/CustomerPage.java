package io.billfold.api.customer;

import io.billfold.api.ListPage;

import java.util.List;

/** A page of customers. */
public record CustomerPage(List<CustomerResponse> data, boolean hasMore, String nextCursor)
        implements ListPage<CustomerResponse> {
}
