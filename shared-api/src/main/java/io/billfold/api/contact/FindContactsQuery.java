package io.billfold.api.contact;

/** The contacts of one customer; answers null when the customer does not exist. */
public record FindContactsQuery(String organizationId, String customerId) {
}
