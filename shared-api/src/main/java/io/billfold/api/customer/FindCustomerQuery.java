package io.billfold.api.customer;

/** Find one customer of an organization; answers null when there is none. */
public record FindCustomerQuery(String organizationId, String customerId) {
}
