package io.billfold.api.customer;

import io.billfold.api.PageRequest;

/** Every change to one customer, newest first; answers null when the customer does not exist. */
public record FindCustomerHistoryQuery(String organizationId, String customerId, PageRequest page) {
}
