package io.billfold.api.wallet;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Reserve credit on a wallet for a charge that is not final yet; {@code expiresAt} as sent (ISO-8601, optional: 24
 * hours), {@code expectedVersion} optional.
 */
public record CreateHoldCommand(@TargetAggregateIdentifier String walletId, String organizationId, String holdId,
                                String amount, String reference, String description, String expiresAt,
                                Long expectedVersion) {
}
