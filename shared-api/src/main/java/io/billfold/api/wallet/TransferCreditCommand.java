package io.billfold.api.wallet;

/** Move credit between two wallets of one organization and currency: both entries or neither. */
public record TransferCreditCommand(String transferId, String organizationId, String fromWalletId, String toWalletId,
                                    String amount, EntryDetails details) {
}
