package io.billfold.api.contact;

/** Who receives one kind of message of a customer; answers null when the customer does not exist. */
public record FindRecipientsQuery(String organizationId, String customerId, Communication communication) {
}
