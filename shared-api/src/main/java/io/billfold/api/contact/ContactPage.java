package io.billfold.api.contact;

import io.billfold.api.ListPage;

import java.util.List;

/** The contacts of a customer (at most 50, so always one page). */
public record ContactPage(List<ContactResponse> data, boolean hasMore, String nextCursor)
        implements ListPage<ContactResponse> {
}
