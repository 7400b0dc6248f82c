package io.billfold.api.wallet;

import io.billfold.api.DataSubject;
import io.billfold.api.PersonalData;
import java.util.List;
import java.util.Map;
import org.axonframework.serialization.Revision;

/**
 * Credit was taken from a wallet. Amounts are in minor units of the currency. {@code consumedGrants} lists the grants it
 * took from, in order (null in events stored before grants: the oldest first). A capture of a hold has reason
 * {@code hold_capture} and its {@code holdId}, and takes what the hold reserved.
 */
@Revision("1")
public record WalletDebitedEvent(String walletId, @DataSubject String customerId, String transactionId, String currency, long amountMinor,
        String reason, String invoiceId, @PersonalData String description, String reference, @PersonalData(erasedAs = "{}") Map<String, String> metadata,
        long balanceAfterMinor, List<GrantAmount> consumedGrants, String holdId) implements DescribedEntry {
}
