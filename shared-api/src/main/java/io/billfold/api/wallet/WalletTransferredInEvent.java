package io.billfold.api.wallet;

import java.util.Map;
import org.axonframework.serialization.Revision;

/** Credit arrived in a wallet in a transfer from {@code fromWalletId}. */
@Revision("1")
public record WalletTransferredInEvent(String walletId, String customerId, String transactionId, String transferId, String fromWalletId,
        String currency, long amountMinor, String description, String reference, Map<String, String> metadata,
        long balanceAfterMinor) {
}
