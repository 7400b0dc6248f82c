package io.billfold.api.wallet;

/** A transfer: the debit of the source wallet and the credit of the target, made together. */
public record TransferResponse(String id, TransactionResponse debit, TransactionResponse credit) {
}
