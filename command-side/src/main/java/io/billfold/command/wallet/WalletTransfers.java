package io.billfold.command.wallet;

import io.billfold.api.error.FieldChecks;
import io.billfold.api.error.FieldError;
import io.billfold.api.error.ValidationFailedException;
import io.billfold.api.wallet.Amounts;
import io.billfold.api.wallet.EntryDetails;
import io.billfold.api.wallet.TransactionResponse;
import io.billfold.api.wallet.TransferCreditCommand;
import io.billfold.api.wallet.TransferResponse;
import io.billfold.api.wallet.WalletNotFoundException;
import io.billfold.command.CustomerLookup;
import io.billfold.platform.eventstore.AggregateLocks;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.eventsourcing.IncompatibleAggregateException;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

import java.util.List;


/**
 * Transfers between two wallets: both entries are applied in one unit of work, hence one transaction, so there are
 * both or neither. Both wallets are locked (on every node) and loaded in id order, so that two opposite transfers
 * cannot deadlock.
 */
@Component
class WalletTransfers {

    private final Repository<Wallet> wallets;
    private final CustomerLookup customers;
    private final AggregateLocks locks;

    WalletTransfers(Repository<Wallet> wallets, CustomerLookup customers, AggregateLocks locks) {
        this.wallets = wallets;
        this.customers = customers;
        this.locks = locks;
    }

    @CommandHandler
    TransferResponse handle(TransferCreditCommand command, DeadlineManager deadlines, MetaData metaData) {
        FieldChecks checks = new FieldChecks();
        if (command.toWalletId() == null || command.toWalletId().equals(command.fromWalletId())) {
            checks.check(() -> {
                throw new ValidationFailedException(new FieldError("to_wallet_id", command.toWalletId() == null
                        ? "required" : "invalid_value", "must be another wallet"));
            });
        }
        EntryDetails details = checks.check(() -> Wallet.checked(command.details()));
        // What needs no wallet is checked together (the amount's decimals need the currency: checked once loaded).
        checks.check(() -> Amounts.positive("amount", command.amount()));
        checks.throwIfFailed();
        locks.lock(List.of(command.fromWalletId(), command.toWalletId()));
        boolean sourceFirst = command.fromWalletId().compareTo(command.toWalletId()) < 0;
        Aggregate<Wallet> first = load(sourceFirst ? command.fromWalletId() : command.toWalletId());
        Aggregate<Wallet> second = load(sourceFirst ? command.toWalletId() : command.fromWalletId());
        Aggregate<Wallet> source = sourceFirst ? first : second;
        Aggregate<Wallet> target = sourceFirst ? second : first;

        String organizationId = command.organizationId();
        source.execute(from -> from.requireOrganization(organizationId));
        target.execute(to -> to.requireOrganization(organizationId));
        String targetCurrency = target.invoke(Wallet::currency);
        String creditId = command.transferId() + "_in";
        Wallet.Outgoing debit = source.invoke(from -> from.transferOut(command.transferId(),
                command.transferId() + "_out", command.toWalletId(), targetCurrency, command.amount(), details,
                metaData, creditId));
        TransactionResponse credit = target.invoke(to -> to.transferIn(command.transferId(), creditId,
                command.fromWalletId(), debit.transaction().amount(), debit.grants(), details, customers, deadlines,
                metaData));
        return new TransferResponse(command.transferId(), debit.transaction(), credit);
    }

    private Aggregate<Wallet> load(String walletId) {
        try {
            return wallets.load(walletId);
        } catch (AggregateNotFoundException | IncompatibleAggregateException e) {
            throw new WalletNotFoundException(walletId);
        }
    }
}
