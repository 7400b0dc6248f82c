package io.billfold.api.wallet;

import java.util.Map;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Add credit to a wallet; {@code amount} is a decimal string, {@code expectedVersion} optional, {@code expiresAt} (an
 * ISO-8601 instant as sent, optional) makes the credit expire.
 */
public record CreditWalletCommand(@TargetAggregateIdentifier String walletId, String organizationId, String transactionId, String amount,
        String reason, String description, String reference, Map<String, String> metadata, Long expectedVersion,
        String expiresAt) {
}
