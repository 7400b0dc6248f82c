package io.billfold.api.wallet;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Take credit from a wallet, never below zero; {@code invoiceId} is required for invoice settlements. */
public record DebitWalletCommand(@TargetAggregateIdentifier String walletId, String organizationId,
                                 String transactionId, String amount, String reason, String invoiceId,
                                 EntryDetails details, Long expectedVersion) {
}
