package io.billfold.api.wallet;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Reserve credit on a wallet for a charge that is not final yet; {@code details} without metadata, {@code expiresAt}
 * as sent (ISO-8601, optional: 24 hours), {@code expectedVersion} optional.
 */
public record CreateHoldCommand(@TargetAggregateIdentifier String walletId, String organizationId, String holdId,
                                String amount, EntryDetails details, String expiresAt, Long expectedVersion) {
}
