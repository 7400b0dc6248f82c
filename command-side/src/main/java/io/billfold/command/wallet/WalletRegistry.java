package io.billfold.command.wallet;

import io.billfold.api.wallet.WalletExistsException;
import io.billfold.command.CustomerLookup;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * The command side's record of wallets ({@code wallet_registry}): one per customer and currency (a unique
 * constraint), written in the transaction of the wallet's creation.
 */
@Component
class WalletRegistry {

    private final JdbcTemplate jdbc;
    private final CustomerLookup customers;

    WalletRegistry(JdbcTemplate jdbc, CustomerLookup customers) {
        this.jdbc = jdbc;
        this.customers = customers;
    }

    /** Registers a new wallet of a live customer; fails when the customer already has one in this currency. */
    void register(String organizationId, String customerId, String walletId, String currency) {
        customers.holdLiveCustomer(organizationId, customerId);
        int inserted = jdbc.update("""
                insert into wallet_registry (wallet_id, organization_id, customer_id, currency) values (?, ?, ?, ?)
                on conflict (customer_id, currency) do nothing
                """, walletId, organizationId, customerId, currency);
        if (inserted == 0) {
            throw new WalletExistsException(currency);
        }
    }

    /** The wallets of a customer. */
    List<String> walletsOf(String customerId) {
        return jdbc.queryForList("select wallet_id from wallet_registry where customer_id = ?", String.class,
                customerId);
    }
}
