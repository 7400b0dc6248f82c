package io.billfold.api.wallet;

import io.billfold.api.PageRequest;

/** A wallet's grants, oldest first; {@code status} null for all. */
public record FindWalletGrantsQuery(String organizationId, String walletId, String status, PageRequest page) {
}
