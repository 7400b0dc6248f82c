package io.billfold.api.wallet;

import io.billfold.api.error.ApiError;
import io.billfold.api.error.BillfoldException;
import io.billfold.api.error.ErrorKind;

/** A debit would take the balance below zero. */
@ApiError(kind = ErrorKind.INVALID, code = "insufficient_funds")
public class InsufficientFundsException extends BillfoldException {

    public InsufficientFundsException(String balance, String currency) {
        super("The wallet holds only " + balance + " " + currency);
    }
}
