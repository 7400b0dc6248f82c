package io.billfold.api.wallet;

import io.billfold.api.error.BillfoldException;
import io.billfold.api.error.ErrorKind;

/** A customer cannot be archived while one of its wallets holds credit. */
public class WalletBalanceNotZeroException extends BillfoldException {

    public WalletBalanceNotZeroException(String customerId) {
        super(ErrorKind.CONFLICT, "wallet_balance_not_zero", "A wallet of customer " + customerId + " still holds credit");
    }
}
