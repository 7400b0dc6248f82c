package io.billfold.api.wallet;

import io.billfold.api.error.BillfoldException;
import io.billfold.api.error.ErrorKind;

/** A credit would take the balance beyond the most a wallet may hold. */
public class BalanceLimitExceededException extends BillfoldException {

    public BalanceLimitExceededException(String limit, String currency) {
        super(ErrorKind.INVALID, "balance_limit_exceeded", "A wallet holds at most " + limit + " " + currency);
    }
}
