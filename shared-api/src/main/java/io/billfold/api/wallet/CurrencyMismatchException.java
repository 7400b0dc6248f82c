package io.billfold.api.wallet;

import io.billfold.api.error.ApiError;
import io.billfold.api.error.BillfoldException;
import io.billfold.api.error.ErrorKind;

/** A transfer between wallets of different currencies. */
@ApiError(kind = ErrorKind.INVALID, code = "currency_mismatch")
public class CurrencyMismatchException extends BillfoldException {

    public CurrencyMismatchException(String from, String to) {
        super("Cannot transfer from a " + from + " wallet to a " + to + " wallet");
    }
}
