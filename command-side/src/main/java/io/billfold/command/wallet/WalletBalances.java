package io.billfold.command.wallet;

import io.billfold.api.wallet.WalletBalanceNotZeroException;
import io.billfold.command.CustomerWallets;
import io.billfold.platform.eventstore.AggregateLocks;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Whether a customer's wallets hold credit, asked by archiving. The wallets are locked first (every command on a
 * wallet holds its lock until it commits), so a credit in flight is seen, and a credit after this waits for the
 * archiving to commit, then finds the customer archived. Credits therefore need no lock of their customer.
 */
@Component
class WalletBalances implements CustomerWallets {

    private final WalletRegistry registry;
    private final AggregateLocks locks;
    private final Repository<Wallet> wallets;

    WalletBalances(WalletRegistry registry, AggregateLocks locks, Repository<Wallet> wallets) {
        this.registry = registry;
        this.locks = locks;
        this.wallets = wallets;
    }

    @Override
    public void requireEmpty(String customerId) {
        List<String> walletIds = registry.walletsOf(customerId);
        if (walletIds.isEmpty()) {
            return;
        }
        locks.lock(walletIds);
        for (String walletId : walletIds) {
            if (wallets.load(walletId).invoke(Wallet::holdsCredit)) {
                throw new WalletBalanceNotZeroException(customerId);
            }
        }
    }
}
