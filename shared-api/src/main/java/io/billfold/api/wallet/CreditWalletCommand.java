package io.billfold.api.wallet;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Add credit to a wallet; {@code amount} is a decimal string, {@code expectedVersion} optional, {@code expiresAt} (an
 * ISO-8601 instant as sent, optional) makes the credit expire.
 */
public record CreditWalletCommand(@TargetAggregateIdentifier String walletId, String organizationId,
                                  String transactionId, String amount, String reason, EntryDetails details,
                                  Long expectedVersion, String expiresAt) {
}
