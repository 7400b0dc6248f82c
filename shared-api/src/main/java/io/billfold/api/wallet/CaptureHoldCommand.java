package io.billfold.api.wallet;

/** Turn a hold into a debit of {@code amount} (null: all of it) and release the rest. */
public record CaptureHoldCommand(String holdId, String organizationId, String transactionId, String amount,
                                 Long expectedVersion) {
}
