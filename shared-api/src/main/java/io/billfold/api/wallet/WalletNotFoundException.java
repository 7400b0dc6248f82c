package io.billfold.api.wallet;

import io.billfold.api.error.BillfoldException;
import io.billfold.api.error.ErrorKind;

/** The wallet does not exist in the caller's organization. */
public class WalletNotFoundException extends BillfoldException {

    public WalletNotFoundException(String walletId) {
        super(ErrorKind.NOT_FOUND, "wallet_not_found", "No wallet " + walletId);
    }
}
