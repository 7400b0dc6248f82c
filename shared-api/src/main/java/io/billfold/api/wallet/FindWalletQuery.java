package io.billfold.api.wallet;

/** One wallet of an organization; null when there is none. */
public record FindWalletQuery(String organizationId, String walletId) {
}
