package io.billfold.api.wallet;

import io.billfold.api.PageRequest;

/** A wallet's holds, newest first; {@code status} null for all. */
public record FindWalletHoldsQuery(String organizationId, String walletId, String status, PageRequest page) {
}
