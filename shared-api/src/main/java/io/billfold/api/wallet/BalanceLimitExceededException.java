package io.billfold.api.wallet;

import io.billfold.api.error.ApiError;
import io.billfold.api.error.BillfoldException;
import io.billfold.api.error.ErrorKind;

/** A credit would take the balance beyond the most a wallet may hold. */
@ApiError(kind = ErrorKind.INVALID, code = "balance_limit_exceeded")
public class BalanceLimitExceededException extends BillfoldException {

    public BalanceLimitExceededException(String limit, String currency) {
        super("A wallet holds at most " + limit + " " + currency);
    }
}
