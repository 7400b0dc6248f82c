package io.billfold.api.wallet;

/** A low-balance threshold as a client asked for it: an amount as written, or null for none. */
public record LowBalanceThreshold(String amount) {
}
