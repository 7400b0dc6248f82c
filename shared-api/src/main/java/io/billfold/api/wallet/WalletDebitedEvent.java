package io.billfold.api.wallet;

import java.util.Map;
import org.axonframework.serialization.Revision;

/** Credit was taken from a wallet. Amounts are in minor units of the currency. */
@Revision("1")
public record WalletDebitedEvent(String walletId, String customerId, String transactionId, String currency, long amountMinor,
        String reason, String invoiceId, String description, String reference, Map<String, String> metadata,
        long balanceAfterMinor) {
}
