package io.billfold.api.wallet;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Change a wallet's settings; a null {@code lowBalanceThreshold} leaves the threshold as it is. */
public record UpdateWalletCommand(@TargetAggregateIdentifier String walletId, String organizationId,
                                  LowBalanceThreshold lowBalanceThreshold) {
}
