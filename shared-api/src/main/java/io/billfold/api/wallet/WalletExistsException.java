package io.billfold.api.wallet;

import io.billfold.api.error.BillfoldException;
import io.billfold.api.error.ErrorKind;

/** The customer already has a wallet in this currency. */
public class WalletExistsException extends BillfoldException {

    public WalletExistsException(String currency) {
        super(ErrorKind.CONFLICT, "wallet_exists", "The customer already has a " + currency + " wallet");
    }
}
