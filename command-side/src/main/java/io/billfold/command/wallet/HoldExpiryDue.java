package io.billfold.command.wallet;

/** The payload of a hold's expiry deadline. */
record HoldExpiryDue(String holdId) {
}
