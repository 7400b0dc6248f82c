package io.billfold.api.wallet;

import io.billfold.api.error.ApiError;
import io.billfold.api.error.BillfoldException;
import io.billfold.api.error.ErrorKind;

/** The customer already has a wallet in this currency. */
@ApiError(kind = ErrorKind.CONFLICT, code = "wallet_exists")
public class WalletExistsException extends BillfoldException {

    public WalletExistsException(String currency) {
        super("The customer already has a " + currency + " wallet");
    }
}
