package io.billfold.api.wallet;

import io.billfold.api.error.BillfoldException;
import io.billfold.api.error.ErrorKind;

/** A debit would take the balance below zero. */
public class InsufficientFundsException extends BillfoldException {

    public InsufficientFundsException(String balance, String currency) {
        super(ErrorKind.INVALID, "insufficient_funds", "The wallet holds only " + balance + " " + currency);
    }
}
