package io.billfold.api.wallet;

import io.billfold.api.error.ApiError;
import io.billfold.api.error.BillfoldException;
import io.billfold.api.error.ErrorKind;

/** The wallet does not exist in the caller's organization. */
@ApiError(kind = ErrorKind.NOT_FOUND, code = "wallet_not_found")
public class WalletNotFoundException extends BillfoldException {

    public WalletNotFoundException(String walletId) {
        super("No wallet " + walletId);
    }
}
