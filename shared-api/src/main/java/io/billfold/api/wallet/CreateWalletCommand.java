package io.billfold.api.wallet;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Open a wallet for a customer in one currency. */
public record CreateWalletCommand(@TargetAggregateIdentifier String walletId, String organizationId, String customerId, String currency) {
}
