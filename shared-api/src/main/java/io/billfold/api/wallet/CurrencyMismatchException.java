package io.billfold.api.wallet;

import io.billfold.api.error.BillfoldException;
import io.billfold.api.error.ErrorKind;

/** A transfer between wallets of different currencies. */
public class CurrencyMismatchException extends BillfoldException {

    public CurrencyMismatchException(String from, String to) {
        super(ErrorKind.INVALID, "currency_mismatch", "Cannot transfer from a " + from + " wallet to a " + to + " wallet");
    }
}
