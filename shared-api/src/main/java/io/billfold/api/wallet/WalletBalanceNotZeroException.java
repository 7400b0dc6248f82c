package io.billfold.api.wallet;

import io.billfold.api.error.ApiError;
import io.billfold.api.error.BillfoldException;
import io.billfold.api.error.ErrorKind;

/** A customer cannot be archived while one of its wallets holds credit. */
@ApiError(kind = ErrorKind.CONFLICT, code = "wallet_balance_not_zero")
public class WalletBalanceNotZeroException extends BillfoldException {

    public WalletBalanceNotZeroException(String customerId) {
        super("A wallet of customer " + customerId + " still holds credit");
    }
}
