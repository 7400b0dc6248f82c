package io.billfold.command.wallet;

import io.billfold.api.wallet.CaptureHoldCommand;
import io.billfold.api.wallet.HoldNotFoundException;
import io.billfold.api.wallet.HoldResponse;
import io.billfold.api.wallet.ReleaseHoldCommand;
import io.billfold.api.wallet.TransactionResponse;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.IncompatibleAggregateException;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

/**
 * Captures and releases of holds, which name only the hold: its wallet comes from {@link HoldRegistry}, and is loaded
 * (under its lock) to decide.
 */
@Component
class HoldCommands {

    private final Repository<Wallet> wallets;
    private final HoldRegistry holds;

    HoldCommands(Repository<Wallet> wallets, HoldRegistry holds) {
        this.wallets = wallets;
        this.holds = holds;
    }

    @CommandHandler
    TransactionResponse handle(CaptureHoldCommand command, MetaData metaData) {
        return walletOf(command.organizationId(), command.holdId())
                .invoke(wallet -> wallet.capture(command, metaData));
    }

    @CommandHandler
    HoldResponse handle(ReleaseHoldCommand command) {
        return walletOf(command.organizationId(), command.holdId()).invoke(wallet -> wallet.release(command));
    }

    private Aggregate<Wallet> walletOf(String organizationId, String holdId) {
        String walletId = holds.walletOf(organizationId, holdId);
        try {
            return wallets.load(walletId);
        } catch (AggregateNotFoundException | IncompatibleAggregateException e) {
            throw new HoldNotFoundException(holdId);
        }
    }
}
