package io.billfold.command.wallet;

import io.billfold.api.wallet.WalletBalanceNotZeroException;
import io.billfold.api.wallet.WalletExistsException;
import io.billfold.command.customer.CustomerLookup;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The command side's record of wallets ({@code wallet_registry}): one per customer and currency (a unique
 * constraint), and each wallet's balance, written in the transaction of the wallet's events.
 */
@Component
class WalletRegistry implements CustomerWallets {

    private final JdbcTemplate jdbc;
    private final CustomerLookup customers;

    WalletRegistry(JdbcTemplate jdbc, CustomerLookup customers) {
        this.jdbc = jdbc;
        this.customers = customers;
    }

    /** Registers a new wallet of a live customer; fails when the customer already has one in this currency. */
    void register(String organizationId, String customerId, String walletId, String currency) {
        customers.requireLiveCustomer(organizationId, customerId);
        int inserted = jdbc.update("""
                insert into wallet_registry (wallet_id, organization_id, customer_id, currency) values (?, ?, ?, ?)
                on conflict (customer_id, currency) do nothing
                """, walletId, organizationId, customerId, currency);
        if (inserted == 0) {
            throw new WalletExistsException(currency);
        }
    }

    /**
     * Records a wallet's new balance. A balance that grows needs a live customer: credit never lands in the wallet
     * of an archived customer, and archiving (which locks the same customer row) cannot pass a credit in flight.
     */
    void recordBalance(String organizationId, String customerId, String walletId, long balanceMinor, boolean grows) {
        if (grows) {
            customers.requireLiveCustomer(organizationId, customerId);
        }
        jdbc.update("update wallet_registry set balance_minor = ? where wallet_id = ?", balanceMinor, walletId);
    }

    @Override
    public void requireEmpty(String customerId) {
        Boolean holdsCredit = jdbc.queryForObject(
                "select exists (select 1 from wallet_registry where customer_id = ? and balance_minor <> 0)",
                Boolean.class, customerId);
        if (Boolean.TRUE.equals(holdsCredit)) {
            throw new WalletBalanceNotZeroException(customerId);
        }
    }
}
