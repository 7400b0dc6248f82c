package io.billfold.command.wallet;

import io.billfold.api.wallet.HoldNotFoundException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * The command side's record of which wallet each hold belongs to ({@code wallet_hold_registry}), written in the
 * transaction of the hold's creation: a capture or release names only the hold.
 */
@Component
class HoldRegistry {

    private final JdbcTemplate jdbc;

    HoldRegistry(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void register(String organizationId, String holdId, String walletId) {
        jdbc.update("insert into wallet_hold_registry (hold_id, organization_id, wallet_id) values (?, ?, ?)",
                holdId, organizationId, walletId);
    }

    /** The hold's wallet; another organization's hold does not exist. */
    String walletOf(String organizationId, String holdId) {
        List<String> wallets = jdbc.queryForList(
                "select wallet_id from wallet_hold_registry where hold_id = ? and organization_id = ?", String.class,
                holdId, organizationId);
        if (wallets.isEmpty()) {
            throw new HoldNotFoundException(holdId);
        }
        return wallets.get(0);
    }
}
