package io.billfold.api.wallet;

import io.billfold.api.DataSubject;
import io.billfold.api.PersonalData;
import java.util.List;
import java.util.Map;
import org.axonframework.serialization.Revision;

/**
 * Credit left a wallet in a transfer to {@code toWalletId}, taken from {@code consumedGrants} (null in events stored
 * before grants: the oldest first).
 */
@Revision("1")
public record WalletTransferredOutEvent(String walletId, @DataSubject String customerId, String transactionId, String transferId, String toWalletId,
        String currency, long amountMinor, @PersonalData String description, String reference, @PersonalData(erasedAs = "{}") Map<String, String> metadata,
        long balanceAfterMinor, List<GrantAmount> consumedGrants) implements DescribedEntry {
}
