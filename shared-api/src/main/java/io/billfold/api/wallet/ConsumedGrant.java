package io.billfold.api.wallet;

/** What a ledger entry took from one grant, as the API shows it (a decimal string). */
public record ConsumedGrant(String grantId, String amount) {
}
