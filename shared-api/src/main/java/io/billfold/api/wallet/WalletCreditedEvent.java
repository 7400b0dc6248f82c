package io.billfold.api.wallet;

import java.util.Map;
import org.axonframework.serialization.Revision;

/** Credit was added to a wallet. Amounts are in minor units of the currency; who did it is in the metadata. */
@Revision("1")
public record WalletCreditedEvent(String walletId, String customerId, String transactionId, String currency, long amountMinor,
        String reason, String description, String reference, Map<String, String> metadata, long balanceAfterMinor) {
}
