package io.billfold.api.wallet;

import io.billfold.api.DataSubject;
import io.billfold.api.PersonalData;
import java.time.Instant;
import java.util.Map;
import org.axonframework.serialization.Revision;

/**
 * Credit was added to a wallet: a grant, whose id is the transaction id. {@code expiresAt} is null for credit that never
 * expires (and in events stored before grants had expiries). Amounts are in minor units of the currency; who did it is
 * in the metadata.
 */
@Revision("1")
public record WalletCreditedEvent(String walletId, @DataSubject String customerId, String transactionId, String currency, long amountMinor,
        String reason, @PersonalData String description, String reference, @PersonalData(erasedAs = "{}") Map<String, String> metadata, long balanceAfterMinor,
        Instant expiresAt) implements DescribedEntry {
}
