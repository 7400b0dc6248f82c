package io.billfold.api.wallet;

/** An amount taken from (or reserved on, or returned to) one grant, in minor units; stored in events. */
public record GrantAmount(String grantId, long amountMinor) {
}
