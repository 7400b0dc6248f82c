package io.billfold.api.wallet;

import java.util.Map;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Take credit from a wallet, never below zero; {@code invoiceId} is required for invoice settlements. */
public record DebitWalletCommand(@TargetAggregateIdentifier String walletId, String organizationId, String transactionId, String amount,
        String reason, String invoiceId, String description, String reference, Map<String, String> metadata,
        Long expectedVersion) {
}
