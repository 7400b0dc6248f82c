package io.billfold.api.wallet;

import io.billfold.api.DataSubject;
import io.billfold.api.PersonalData;
import java.util.List;
import java.util.Map;
import org.axonframework.serialization.Revision;

/**
 * Credit arrived in a wallet in a transfer from {@code fromWalletId}: one grant per grant the source consumed, with its
 * expiry ({@code grants}; null in events stored before grants: one grant without expiry, the transaction id).
 */
@Revision("1")
public record WalletTransferredInEvent(String walletId, @DataSubject String customerId, String transactionId, String transferId, String fromWalletId,
        String currency, long amountMinor, @PersonalData String description, String reference, @PersonalData(erasedAs = "{}") Map<String, String> metadata,
        long balanceAfterMinor, List<TransferredGrant> grants) implements DescribedEntry {
}
