package io.billfold.api.wallet;

import io.billfold.api.DataSubject;
import io.billfold.api.PersonalData;
import java.util.Map;
import org.axonframework.serialization.Revision;

/** Credit arrived in a wallet in a transfer from {@code fromWalletId}. */
@Revision("1")
public record WalletTransferredInEvent(String walletId, @DataSubject String customerId, String transactionId, String transferId, String fromWalletId,
        String currency, long amountMinor, @PersonalData String description, String reference, @PersonalData(erasedAs = "{}") Map<String, String> metadata,
        long balanceAfterMinor) {
}
