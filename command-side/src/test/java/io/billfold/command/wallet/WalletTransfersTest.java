package io.billfold.command.wallet;

import static io.billfold.command.wallet.WalletMatchers.assertValidationFailure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.tuple;
import static org.mockito.AdditionalAnswers.delegatesTo;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.verifyNoMoreInteractions;

import io.billfold.api.Actor;
import io.billfold.api.customer.CustomerArchivedException;
import io.billfold.api.error.BillfoldException;
import io.billfold.api.error.ErrorKind;
import io.billfold.api.error.FieldError;
import io.billfold.api.error.ValidationFailedException;
import io.billfold.platform.eventstore.AggregateLocks;
import io.billfold.api.wallet.ConsumedGrant;
import io.billfold.api.wallet.CurrencyMismatchException;
import io.billfold.api.wallet.EntryDetails;
import io.billfold.api.wallet.GrantAmount;
import io.billfold.api.wallet.InsufficientFundsException;
import io.billfold.api.wallet.Provenance;
import io.billfold.api.wallet.TransactionResponse;
import io.billfold.api.wallet.TransferCreditCommand;
import io.billfold.api.wallet.TransferResponse;
import io.billfold.api.wallet.TransferredGrant;
import io.billfold.api.wallet.WalletBalanceLowEvent;
import io.billfold.api.wallet.WalletCreatedEvent;
import io.billfold.api.wallet.WalletCreditedEvent;
import io.billfold.api.wallet.WalletLowBalanceThresholdChangedEvent;
import io.billfold.api.wallet.WalletNotFoundException;
import io.billfold.api.wallet.WalletTransferredInEvent;
import io.billfold.api.wallet.WalletTransferredOutEvent;
import io.billfold.command.CustomerLookup;
import io.billfold.platform.eventstore.AggregateLocks;
import org.axonframework.commandhandling.AnnotationCommandHandlerAdapter;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.annotation.ClasspathParameterResolverFactory;
import org.axonframework.messaging.annotation.MultiParameterResolverFactory;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.axonframework.messaging.annotation.SimpleResourceParameterResolverFactory;
import org.axonframework.modelling.command.Repository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.mockito.InOrder;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Transfers between two wallets. Axon's aggregate test fixture holds a single aggregate, so {@link WalletTransfers}
 * runs here on a real event-sourcing repository over an in-memory event store, with a mocked {@link WalletRegistry}:
 * the wallets are given as stored events, and what a transfer did is read back from the store.
 */
class WalletTransfersTest {

    private static final String ORG = "org_acme";
    private static final EntryDetails NO_DETAILS = new EntryDetails(null, null, null);
    private static final String OTHER_ORG = "org_rival";
    /** The source's id sorts first: transfers from the target show that wallets are loaded in id order. */
    private static final String SOURCE = "wal_a";
    private static final String TARGET = "wal_b";
    private static final String SOURCE_CUSTOMER = "cus_1";
    private static final String TARGET_CUSTOMER = "cus_2";
    private static final String TRANSFER = "trf_1";

    private static final Map<String, String> META = Map.of("actor_id", "key_1", "actor_name", "ops",
            "request_id", "req_1", "idempotency_key", "idem-1");

    private final CustomerLookup customers = mock(CustomerLookup.class);
    private final DeadlineManager deadlines = mock(DeadlineManager.class);
    private EmbeddedEventStore eventStore;
    private Repository<Wallet> wallets;
    private CommandGateway commands;

    @BeforeEach
    @SuppressWarnings("unchecked")
    void setUp() {
        eventStore = EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build();
        ParameterResolverFactory resolvers = MultiParameterResolverFactory.ordered(
                new SimpleResourceParameterResolverFactory(List.of(customers, deadlines)),
                ClasspathParameterResolverFactory.forClass(Wallet.class));
        Repository<Wallet> repository = EventSourcingRepository.builder(Wallet.class)
                .eventStore(eventStore)
                .parameterResolverFactory(resolvers)
                .build();
        wallets = mock(Repository.class, delegatesTo(repository));
        SimpleCommandBus commandBus = SimpleCommandBus.builder().build();
        new AnnotationCommandHandlerAdapter<>(new WalletTransfers(wallets, customers, mock(AggregateLocks.class)), resolvers)
                .subscribe(commandBus);
        commands = DefaultCommandGateway.builder().commandBus(commandBus).build();
    }

    @AfterEach
    void tearDown() {
        eventStore.shutDown();
    }

    /** Stores a wallet's creation and, when {@code balanceMinor} is positive, a credit of that balance. */
    private void givenWallet(String walletId, String organizationId, String customerId, String currency,
                             long balanceMinor) {
        eventStore.publish(new GenericDomainEventMessage<>("Wallet", walletId, 0,
                new WalletCreatedEvent(walletId, organizationId, customerId, currency)));
        if (balanceMinor > 0) {
            eventStore.publish(new GenericDomainEventMessage<>("Wallet", walletId, 1,
                    new WalletCreditedEvent(walletId, customerId, "txn_0", currency, balanceMinor, "prepayment", null,
                            null, Map.of(), balanceMinor, null)));
        }
    }

    /** Source and target of the acme organization, in USD: the source holds 50.00 and the target 5.00. */
    private void givenSourceAndTarget() {
        givenWallet(SOURCE, ORG, SOURCE_CUSTOMER, "USD", 5000);
        givenWallet(TARGET, ORG, TARGET_CUSTOMER, "USD", 500);
    }

    private TransferResponse transfer(TransferCreditCommand command) {
        return commands.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(META));
    }

    private Throwable transferFailure(TransferCreditCommand command) {
        return catchThrowable(() -> transfer(command));
    }

    private static TransferCreditCommand transferOf(String amount) {
        return new TransferCreditCommand(TRANSFER, ORG, SOURCE, TARGET, amount, NO_DETAILS);
    }

    private List<? extends DomainEventMessage<?>> eventsOf(String walletId) {
        return eventStore.readEvents(walletId).asStream().toList();
    }

    private List<Object> payloadsOf(String walletId) {
        return eventsOf(walletId).stream().map(Message::getPayload).map(Object.class::cast).toList();
    }

    private Instant lastEventTimeOf(String walletId) {
        List<? extends DomainEventMessage<?>> events = eventsOf(walletId);
        return events.get(events.size() - 1).getTimestamp().truncatedTo(ChronoUnit.MILLIS);
    }

    private void assertNothingApplied() {
        assertThat(eventsOf(SOURCE)).hasSize(2);
        assertThat(eventsOf(TARGET)).hasSize(2);
    }

    private static void assertBillfoldError(Throwable thrown, Class<? extends BillfoldException> type, ErrorKind kind,
                                            String code, String message) {
        assertThat(thrown).isInstanceOf(type).hasMessage(message);
        assertThat((BillfoldException) thrown).satisfies(exception -> {
            assertThat(exception.kind()).isEqualTo(kind);
            assertThat(exception.code()).isEqualTo(code);
        });
    }

    @Test
    void debitsTheSourceAndCreditsTheTargetWithOneEntryEach() {
        givenSourceAndTarget();
        Map<String, String> metadata = Map.of("why", "merge");

        TransferResponse response = transfer(new TransferCreditCommand(TRANSFER, ORG, SOURCE, TARGET, "12.50",
                new EntryDetails(" Merge ", "R-1", metadata)));

        assertThat(payloadsOf(SOURCE)).last().isEqualTo(new WalletTransferredOutEvent(SOURCE, SOURCE_CUSTOMER,
                "trf_1_out", TRANSFER, TARGET, "USD", 1250, "Merge", "R-1", metadata, 3750,
                List.of(new GrantAmount("txn_0", 1250))));
        assertThat(payloadsOf(TARGET)).last().isEqualTo(new WalletTransferredInEvent(TARGET, TARGET_CUSTOMER,
                "trf_1_in", TRANSFER, SOURCE, "USD", 1250, "Merge", "R-1", metadata, 1750,
                List.of(new TransferredGrant("trf_1_in", "txn_0", 1250, null))));
        Actor actor = new Actor("key_1", "ops");
        assertThat(response).isEqualTo(new TransferResponse(TRANSFER,
                new TransactionResponse("trf_1_out", SOURCE, SOURCE_CUSTOMER, "debit", "12.50", "USD", "transfer",
                        "Merge", "R-1", null, metadata, "37.50", 3,
                        new Provenance(actor, "idem-1", "req_1", lastEventTimeOf(SOURCE)), TRANSFER,
                        List.of(new ConsumedGrant("txn_0", "12.50")), null, null, null),
                new TransactionResponse("trf_1_in", TARGET, TARGET_CUSTOMER, "credit", "12.50", "USD", "transfer",
                        "Merge", "R-1", null, metadata, "17.50", 3,
                        new Provenance(actor, "idem-1", "req_1", lastEventTimeOf(TARGET)), TRANSFER, List.of(), null,
                        null, null)));
    }

    @Test
    void aTransferThatTakesTheSourceBelowItsLowBalanceThresholdRecordsBalanceLowAfterItsEntry() {
        givenSourceAndTarget();
        eventStore.publish(new GenericDomainEventMessage<>("Wallet", SOURCE, 2,
                new WalletLowBalanceThresholdChangedEvent(SOURCE, "USD", 4000L)));

        TransferResponse response = transfer(transferOf("12.50"));

        assertThat(payloadsOf(SOURCE)).last().isEqualTo(new WalletBalanceLowEvent(SOURCE, SOURCE_CUSTOMER, "USD", 3750,
                4000));
        assertThat(response.debit().sequence()).isEqualTo(4);
        assertThat(payloadsOf(TARGET)).last().isInstanceOf(WalletTransferredInEvent.class);
    }

    @Test
    void checksOnlyThatTheReceivingCustomerIsLive() {
        givenSourceAndTarget();

        transfer(transferOf("12.50"));

        verify(customers).requireLiveCustomer(ORG, TARGET_CUSTOMER);
        verifyNoMoreInteractions(customers);
    }

    @ParameterizedTest(name = "from {0} to {1}")
    @CsvSource({SOURCE + ", " + TARGET, TARGET + ", " + SOURCE})
    void loadsBothWalletsInIdOrderWhicheverIsTheSource(String from, String to) {
        givenSourceAndTarget();

        TransferResponse response = transfer(new TransferCreditCommand(TRANSFER, ORG, from, to, "1", NO_DETAILS));

        InOrder inOrder = inOrder(wallets);
        inOrder.verify(wallets).load(SOURCE);
        inOrder.verify(wallets).load(TARGET);
        verifyNoMoreInteractions(wallets);
        assertThat(response.debit().walletId()).isEqualTo(from);
        assertThat(response.credit().walletId()).isEqualTo(to);
    }

    @Test
    void mayMoveTheWholeSourceBalance() {
        givenSourceAndTarget();

        TransferResponse response = transfer(transferOf("50"));

        assertThat(response.debit().balanceAfter()).isEqualTo("0.00");
        assertThat(response.credit().balanceAfter()).isEqualTo("55.00");
    }

    @Test
    void movesAmountsWithTheCurrencysOwnDecimals() {
        givenWallet(SOURCE, ORG, SOURCE_CUSTOMER, "BHD", 2000);
        givenWallet(TARGET, ORG, TARGET_CUSTOMER, "BHD", 0);

        TransferResponse response = transfer(transferOf("1.005"));

        assertThat(payloadsOf(SOURCE)).last().isEqualTo(new WalletTransferredOutEvent(SOURCE, SOURCE_CUSTOMER,
                "trf_1_out", TRANSFER, TARGET, "BHD", 1005, null, null, Map.of(), 995,
                List.of(new GrantAmount("txn_0", 1005))));
        assertThat(payloadsOf(TARGET)).last().isEqualTo(new WalletTransferredInEvent(TARGET, TARGET_CUSTOMER,
                "trf_1_in", TRANSFER, SOURCE, "BHD", 1005, null, null, Map.of(), 1005,
                List.of(new TransferredGrant("trf_1_in", "txn_0", 1005, null))));
        assertThat(response.credit().amount()).isEqualTo("1.005");
        assertThat(response.credit().balanceAfter()).isEqualTo("1.005");
    }

    @Test
    void refusesToTakeMoreThanTheSourceHoldsAndAppliesNothing() {
        givenSourceAndTarget();

        Throwable thrown = transferFailure(transferOf("50.01"));

        assertBillfoldError(thrown, InsufficientFundsException.class, ErrorKind.INVALID, "insufficient_funds",
                "The wallet holds only 50.00 USD");
        assertNothingApplied();
        verifyNoInteractions(customers);
    }

    @Test
    void appliesNeitherEntryWhenTheTargetCustomerCannotReceiveCredit() {
        givenSourceAndTarget();
        doThrow(new CustomerArchivedException(TARGET_CUSTOMER))
                .when(customers).requireLiveCustomer(ORG, TARGET_CUSTOMER);

        Throwable thrown = transferFailure(transferOf("12.50"));

        assertThat(thrown).isInstanceOf(CustomerArchivedException.class);
        assertNothingApplied();
    }

    @Test
    void refusesWalletsOfDifferentCurrencies() {
        givenWallet(SOURCE, ORG, SOURCE_CUSTOMER, "USD", 5000);
        givenWallet(TARGET, ORG, TARGET_CUSTOMER, "JPY", 0);

        Throwable thrown = transferFailure(transferOf("1"));

        assertBillfoldError(thrown, CurrencyMismatchException.class, ErrorKind.INVALID, "currency_mismatch",
                "Cannot transfer from a USD wallet to a JPY wallet");
        assertThat(eventsOf(SOURCE)).hasSize(2);
        assertThat(eventsOf(TARGET)).hasSize(1);
        verifyNoInteractions(customers);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({"12.505, too_many_decimals", "0, invalid_amount", "-1, invalid_amount", "ten, invalid_amount"})
    void refusesAnInvalidAmount(String amount, String code) {
        givenSourceAndTarget();

        assertValidationFailure(transferFailure(transferOf(amount)), "amount", code);
        assertNothingApplied();
        verifyNoInteractions(customers);
    }

    @Test
    void requiresAnAmount() {
        givenSourceAndTarget();

        assertValidationFailure(transferFailure(transferOf(null)), "amount", "required");
    }

    @Test
    void requiresATargetWalletWithoutLoadingAny() {
        Throwable thrown = transferFailure(new TransferCreditCommand(TRANSFER, ORG, SOURCE, null, "1", NO_DETAILS));

        assertValidationFailure(thrown, "to_wallet_id", "required");
        verifyNoInteractions(wallets, customers);
    }

    @Test
    void refusesATransferToTheSourceItself() {
        Throwable thrown = transferFailure(new TransferCreditCommand(TRANSFER, ORG, SOURCE, SOURCE, "1", NO_DETAILS));

        assertValidationFailure(thrown, "to_wallet_id", "invalid_value");
        verifyNoInteractions(wallets, customers);
    }

    @Test
    void refusesAnInvalidEntryBeforeLoadingAnyWallet() {
        Map<String, String> metadata = new HashMap<>();
        IntStream.rangeClosed(1, 21).forEach(index -> metadata.put("key_" + index, "value"));

        Throwable thrown = transferFailure(new TransferCreditCommand(TRANSFER, ORG, SOURCE, TARGET, "1",
                new EntryDetails(null, null, metadata)));

        assertValidationFailure(thrown, "metadata", "too_many");
        verifyNoInteractions(wallets, customers);
    }

    @Test
    void listsEveryInvalidFieldAtOnceWithoutLoadingAnyWallet() {
        Throwable thrown = transferFailure(new TransferCreditCommand(TRANSFER, ORG, SOURCE, SOURCE, "0",
                new EntryDetails(" ", "\u0001", null)));

        assertThat(thrown).isInstanceOf(ValidationFailedException.class);
        assertThat(((ValidationFailedException) thrown).errors()).extracting(FieldError::field, FieldError::code)
                .containsExactly(tuple("to_wallet_id", "invalid_value"), tuple("description", "invalid_value"),
                        tuple("reference", "invalid_value"), tuple("amount", "invalid_amount"));
        verifyNoInteractions(wallets, customers);
    }

    @Test
    void refusesABlankDescription() {
        Throwable thrown = transferFailure(new TransferCreditCommand(TRANSFER, ORG, SOURCE, TARGET, "1",
                new EntryDetails("  ", null, null)));

        assertValidationFailure(thrown, "description", "invalid_value");
        verifyNoInteractions(wallets, customers);
    }

    @ParameterizedTest(name = "missing {0}")
    @ValueSource(strings = {SOURCE, TARGET})
    void treatsAMissingWalletAsNotFound(String missing) {
        String present = SOURCE.equals(missing) ? TARGET : SOURCE;
        givenWallet(present, ORG, SOURCE_CUSTOMER, "USD", 5000);

        Throwable thrown = transferFailure(transferOf("1"));

        assertBillfoldError(thrown, WalletNotFoundException.class, ErrorKind.NOT_FOUND, "wallet_not_found",
                "No wallet " + missing);
        assertThat(eventsOf(present)).hasSize(2);
        verifyNoInteractions(customers);
    }

    @ParameterizedTest(name = "{0} in the other organization")
    @ValueSource(strings = {SOURCE, TARGET})
    void treatsAnotherOrganizationsWalletAsNotFound(String foreign) {
        givenWallet(SOURCE, SOURCE.equals(foreign) ? OTHER_ORG : ORG, SOURCE_CUSTOMER, "USD", 5000);
        givenWallet(TARGET, TARGET.equals(foreign) ? OTHER_ORG : ORG, TARGET_CUSTOMER, "USD", 500);

        Throwable thrown = transferFailure(transferOf("1"));

        assertBillfoldError(thrown, WalletNotFoundException.class, ErrorKind.NOT_FOUND, "wallet_not_found",
                "No wallet " + foreign);
        assertNothingApplied();
        verifyNoInteractions(customers);
    }
}
