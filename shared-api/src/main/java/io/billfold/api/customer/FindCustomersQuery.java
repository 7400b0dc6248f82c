package io.billfold.api.customer;

import io.billfold.api.PageRequest;

/** List an organization's customers, newest first. */
public record FindCustomersQuery(String organizationId, CustomerFilter filter, PageRequest page) {
}
