package io.billfold.command.wallet;

/** The payload of a grant's expiry deadline. */
record GrantExpiryDue(String grantId) {
}
