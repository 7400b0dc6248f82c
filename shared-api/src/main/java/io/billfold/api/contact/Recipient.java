package io.billfold.api.contact;

/** One address a message goes to; {@code contactId} is null for the customer's own email. */
public record Recipient(String email, String name, String contactId) {
}
