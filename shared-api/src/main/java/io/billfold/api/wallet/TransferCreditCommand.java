package io.billfold.api.wallet;

import java.util.Map;

/** Move credit between two wallets of one organization and currency: both entries or neither. */
public record TransferCreditCommand(String transferId, String organizationId, String fromWalletId, String toWalletId, String amount,
        String description, String reference, Map<String, String> metadata) {
}
