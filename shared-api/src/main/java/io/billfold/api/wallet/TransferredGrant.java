package io.billfold.api.wallet;

import java.time.Instant;

/** A grant a transfer creates on the receiving wallet, from {@code sourceGrantId} and with its expiry (null: none). */
public record TransferredGrant(String grantId, String sourceGrantId, long amountMinor, Instant expiresAt) {
}
