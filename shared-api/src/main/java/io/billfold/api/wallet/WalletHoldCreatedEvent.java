package io.billfold.api.wallet;

import io.billfold.api.DataSubject;
import io.billfold.api.PersonalData;
import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.Revision;

/** A hold reserved credit on a wallet until {@code expiresAt}, from {@code reservedGrants} in the order debits use. */
@Revision("1")
public record WalletHoldCreatedEvent(String walletId, @DataSubject String customerId, String holdId, String currency,
                                     long amountMinor, String reference, @PersonalData String description, Instant expiresAt,
                                     List<GrantAmount> reservedGrants) {
}
