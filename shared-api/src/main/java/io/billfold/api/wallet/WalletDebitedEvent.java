package io.billfold.api.wallet;

import io.billfold.api.DataSubject;
import io.billfold.api.PersonalData;
import java.util.Map;
import org.axonframework.serialization.Revision;

/** Credit was taken from a wallet. Amounts are in minor units of the currency. */
@Revision("1")
public record WalletDebitedEvent(String walletId, @DataSubject String customerId, String transactionId, String currency, long amountMinor,
        String reason, String invoiceId, @PersonalData String description, String reference, @PersonalData(erasedAs = "{}") Map<String, String> metadata,
        long balanceAfterMinor) {
}
