package io.billfold.api.wallet;

/** The wallets of one customer; null when the customer does not exist. */
public record FindCustomerWalletsQuery(String organizationId, String customerId) {
}
