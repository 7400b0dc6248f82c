package io.billfold.command.wallet;

import static io.billfold.command.wallet.WalletMatchers.billfoldError;
import static io.billfold.command.RuleMatchers.error;
import static io.billfold.command.wallet.WalletMatchers.transaction;
import static io.billfold.command.RuleMatchers.validationFailure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.verifyNoMoreInteractions;

import io.billfold.api.Actor;
import io.billfold.api.customer.CustomerArchivedException;
import io.billfold.api.customer.CustomerNotFoundException;
import io.billfold.api.error.BillfoldException;
import io.billfold.api.error.ErrorKind;
import io.billfold.api.wallet.ConsumedGrant;
import io.billfold.api.wallet.BalanceLimitExceededException;
import io.billfold.api.wallet.CreateWalletCommand;
import io.billfold.api.wallet.CreditWalletCommand;
import io.billfold.api.wallet.DebitWalletCommand;
import io.billfold.api.wallet.EntryDetails;
import io.billfold.api.wallet.GrantAmount;
import io.billfold.api.wallet.InsufficientFundsException;
import io.billfold.api.wallet.LowBalanceThreshold;
import io.billfold.api.wallet.Provenance;
import io.billfold.api.wallet.TransactionResponse;
import io.billfold.api.wallet.UpdateWalletCommand;
import io.billfold.api.wallet.VersionConflictException;
import io.billfold.api.wallet.WalletBalanceLowEvent;
import io.billfold.api.wallet.WalletCreatedEvent;
import io.billfold.api.wallet.WalletCreditedEvent;
import io.billfold.api.wallet.WalletDebitedEvent;
import io.billfold.api.wallet.WalletExistsException;
import io.billfold.api.wallet.WalletLowBalanceThresholdChangedEvent;
import io.billfold.api.wallet.WalletNotFoundException;
import io.billfold.api.wallet.WalletResponse;
import io.billfold.api.wallet.WalletTransferredInEvent;
import io.billfold.api.wallet.WalletTransferredOutEvent;
import io.billfold.command.CustomerLookup;
import io.billfold.command.RuleMatchers;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.TestExecutor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * The wallet aggregate, driven through Axon's test fixture (which ignores the Spring-only snapshot trigger) with a
 * mocked {@link WalletRegistry} and {@link CustomerLookup}, so that every registration and check of the customer is
 * verified. Transfers have their
 * own test ({@link WalletTransfersTest}).
 */
class WalletTest {

    private static final String ORG = "org_acme";
    private static final EntryDetails NO_DETAILS = new EntryDetails(null, null, null);
    private static final String OTHER_ORG = "org_rival";
    private static final String WALLET = "wal_1";
    private static final String CUSTOMER = "cus_1";
    private static final String TXN = "txn_1";
    /** One character outside the Basic Multilingual Plane: two UTF-16 units in a Java string. */
    private static final String EMOJI = "\uD83D\uDE00";

    /** Not on a millisecond, so that truncation of the times the API shows is visible. */
    private static final Instant CREATED = Instant.parse("2025-03-01T10:15:30.123456Z");
    private static final Instant NOW = Instant.parse("2025-03-02T08:00:00.987654Z");

    private static final Map<String, String> META = Map.of("actor_id", "key_1", "actor_name", "ops",
            "request_id", "req_1", "idempotency_key", "idem-1");
    private static final Actor ACTOR = new Actor("key_1", "ops");

    private AggregateTestFixture<Wallet> fixture;
    private WalletRegistry registry;
    private CustomerLookup customers;

    @BeforeEach
    void setUp() {
        registry = mock(WalletRegistry.class);
        customers = mock(CustomerLookup.class);
        fixture = new AggregateTestFixture<>(Wallet.class);
        fixture.registerInjectableResource(registry);
        fixture.registerInjectableResource(customers);
    }

    /** A wallet created at {@link #CREATED} with these later events; the command under test runs at {@link #NOW}. */
    private TestExecutor<Wallet> givenWallet(String currency, Object... laterEvents) {
        fixture.givenCurrentTime(CREATED);
        return fixture.given(new WalletCreatedEvent(WALLET, ORG, CUSTOMER, currency))
                .andGiven(laterEvents)
                .andGivenCurrentTime(NOW);
    }

    private TestExecutor<Wallet> givenUsdWallet(Object... laterEvents) {
        return givenWallet("USD", laterEvents);
    }

    private static WalletCreditedEvent credited(long amountMinor, long balanceAfterMinor) {
        return new WalletCreditedEvent(WALLET, CUSTOMER, "txn_0", "USD", amountMinor, "prepayment", null, null,
                Map.of(), balanceAfterMinor, null);
    }

    private static CreditWalletCommand credit(String amount, String reason) {
        return new CreditWalletCommand(WALLET, ORG, TXN, amount, reason, NO_DETAILS, null, null);
    }

    private static CreditWalletCommand creditWithEntry(String description, String reference,
                                                       Map<String, String> metadata) {
        return new CreditWalletCommand(WALLET, ORG, TXN, "1", "goodwill",
                new EntryDetails(description, reference, metadata), null, null);
    }

    private static DebitWalletCommand debit(String amount, String reason, String invoiceId) {
        return new DebitWalletCommand(WALLET, ORG, TXN, amount, reason, invoiceId, NO_DETAILS, null);
    }

    private static Map<String, String> metadataOfSize(int keys) {
        return IntStream.rangeClosed(1, keys).boxed()
                .collect(Collectors.toMap(index -> "key_" + index, index -> "value"));
    }

    private static Instant millis(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MILLIS);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // create
    // ---------------------------------------------------------------------------------------------------------------

    @Nested
    class Create {

        @Test
        void registersTheWalletAndEmitsTheCreatedEvent() {
            fixture.givenCurrentTime(CREATED)
                    .when(new CreateWalletCommand(WALLET, ORG, CUSTOMER, "USD"), META)
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new WalletCreatedEvent(WALLET, ORG, CUSTOMER, "USD"))
                    .expectResultMessagePayload(new WalletResponse(WALLET, CUSTOMER, "USD", "0.00", 1,
                            millis(CREATED), millis(CREATED), null, "0.00", "0.00"));

            verify(registry).register(ORG, CUSTOMER, WALLET, "USD");
            verifyNoMoreInteractions(registry);
        }

        @ParameterizedTest(name = "{0}: {1}")
        @CsvSource({"USD, 0.00", "EUR, 0.00", "JPY, 0", "BHD, 0.000"})
        void startsAtZeroWrittenWithTheCurrencysDecimals(String currency, String balance) {
            fixture.givenCurrentTime(CREATED)
                    .when(new CreateWalletCommand(WALLET, ORG, CUSTOMER, currency))
                    .expectEvents(new WalletCreatedEvent(WALLET, ORG, CUSTOMER, currency))
                    .expectResultMessagePayload(new WalletResponse(WALLET, CUSTOMER, currency, balance, 1,
                            millis(CREATED), millis(CREATED), null, balance, balance));
        }

        @ParameterizedTest
        @ValueSource(strings = {"usd", "Usd", "ZZZ", "US", "USDD", ""})
        void refusesACurrencyThatIsNotAnUpperCaseIsoCode(String currency) {
            fixture.givenNoPriorActivity()
                    .when(new CreateWalletCommand(WALLET, ORG, CUSTOMER, currency))
                    .expectException(validationFailure(error("currency", "invalid_currency")))
                    .expectNoEvents();

            verifyNoInteractions(registry);
        }

        @Test
        void requiresACurrency() {
            fixture.givenNoPriorActivity()
                    .when(new CreateWalletCommand(WALLET, ORG, CUSTOMER, null))
                    .expectException(validationFailure(error("currency", "required")))
                    .expectNoEvents();

            verifyNoInteractions(registry);
        }

        static Stream<BillfoldException> registryRejections() {
            return Stream.of(new WalletExistsException("USD"), new CustomerArchivedException(CUSTOMER),
                    new CustomerNotFoundException(CUSTOMER));
        }

        @ParameterizedTest
        @MethodSource("registryRejections")
        void propagatesARegistryRejectionAndEmitsNothing(BillfoldException rejection) {
            doThrow(rejection).when(registry).register(ORG, CUSTOMER, WALLET, "USD");

            fixture.givenNoPriorActivity()
                    .when(new CreateWalletCommand(WALLET, ORG, CUSTOMER, "USD"))
                    .expectException(rejection.getClass())
                    .expectException(billfoldError(rejection.kind(), rejection.code(), rejection.getMessage()))
                    .expectNoEvents();
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // credit
    // ---------------------------------------------------------------------------------------------------------------

    @Nested
    class Credit {

        @Test
        void emitsTheCreditInMinorUnitsForALiveCustomerAndReturnsTheEntry() {
            CreditWalletCommand command = new CreditWalletCommand(WALLET, ORG, TXN, "150.25", "prepayment",
                    new EntryDetails("  March top-up ", " PO-7 ", Map.of("campaign", "spring")), null, null);

            givenUsdWallet()
                    .when(command, META)
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new WalletCreditedEvent(WALLET, CUSTOMER, TXN, "USD", 15025, "prepayment",
                            "March top-up", "PO-7", Map.of("campaign", "spring"), 15025, null))
                    .expectResultMessagePayload(new TransactionResponse(TXN, WALLET, CUSTOMER, "credit", "150.25",
                            "USD", "prepayment", "March top-up", "PO-7", null, Map.of("campaign", "spring"),
                            "150.25", 2, new Provenance(ACTOR, "idem-1", "req_1", millis(NOW)), null, List.of(), null,
                            null, null));

            verify(customers).requireLiveCustomer(ORG, CUSTOMER);
            verifyNoMoreInteractions(customers);
            verifyNoInteractions(registry);
        }

        @Test
        void refusesACreditBeyondTheMostAWalletMayHold() {
            givenUsdWallet(credited(Wallet.MAX_BALANCE_MINOR - 50, Wallet.MAX_BALANCE_MINOR - 50))
                    .when(credit("1.00", "goodwill"), META)
                    .expectException(BalanceLimitExceededException.class)
                    .expectNoEvents();

            verifyNoInteractions(registry);
        }

        @Test
        void addsToTheBalanceItHolds() {
            givenUsdWallet(credited(1000, 1000))
                    .when(credit("5", "goodwill"), META)
                    .expectEvents(new WalletCreditedEvent(WALLET, CUSTOMER, TXN, "USD", 500, "goodwill", null, null,
                            Map.of(), 1500, null))
                    .expectResultMessagePayloadMatching(transaction(entry -> {
                        assertThat(entry.amount()).isEqualTo("5.00");
                        assertThat(entry.balanceAfter()).isEqualTo("15.00");
                        assertThat(entry.sequence()).isEqualTo(3);
                    }));

            verify(customers).requireLiveCustomer(ORG, CUSTOMER);
        }

        @Test
        void leavesWhoAndWhyEmptyWithoutMetadata() {
            givenUsdWallet()
                    .when(credit("1", "goodwill"))
                    .expectResultMessagePayloadMatching(transaction(entry -> {
                        assertThat(entry.provenance().actor()).isEqualTo(new Actor(null, null));
                        assertThat(entry.provenance().idempotencyKey()).isNull();
                        assertThat(entry.provenance().requestId()).isNull();
                    }));
        }

        @ParameterizedTest
        @ValueSource(strings = {"promotional", "goodwill", "refund", "prepayment", "credit_note", "migration",
                "correction", "other"})
        void acceptsEveryCreditReason(String reason) {
            givenUsdWallet()
                    .when(credit("1", reason))
                    .expectEvents(new WalletCreditedEvent(WALLET, CUSTOMER, TXN, "USD", 100, reason, null, null,
                            Map.of(), 100, null));
        }

        @ParameterizedTest
        @ValueSource(strings = {"bonus", "Refund", "transfer", "invoice_settlement", "manual_deduction", ""})
        void refusesAnyOtherReason(String reason) {
            givenUsdWallet()
                    .when(credit("1", reason))
                    .expectException(validationFailure(error("reason", "invalid_value")))
                    .expectNoEvents();

            verifyNoInteractions(registry);
        }

        @Test
        void listsEveryInvalidFieldAtOnce() {
            givenUsdWallet()
                    .when(new CreditWalletCommand(WALLET, ORG, TXN, "1.001", "bonus",
                            new EntryDetails(" ", "r", Map.of(" ", "v")), null, null))
                    .expectException(validationFailure(error("amount", "too_many_decimals"),
                            error("reason", "invalid_value"), error("description", "invalid_value"),
                            error("metadata. ", "invalid_value")))
                    .expectNoEvents();

            verifyNoInteractions(registry);
        }

        @Test
        void requiresAReason() {
            givenUsdWallet()
                    .when(credit("1", null))
                    .expectException(validationFailure(error("reason", "required")))
                    .expectNoEvents();
        }

        @ParameterizedTest(name = "{1} {0} is {2} minor units")
        @CsvSource({
                "USD, 1.50, 150",
                "USD, 1.500, 150",
                "USD, 1e3, 100000",
                "USD, 1000000000000, 100000000000000",
                "JPY, 150, 150",
                "BHD, 1.005, 1005"})
        void creditsAnAmountWithAtMostTheCurrencysDecimals(String currency, String amount, long minor) {
            givenWallet(currency)
                    .when(credit(amount, "prepayment"))
                    .expectEvents(new WalletCreditedEvent(WALLET, CUSTOMER, TXN, currency, minor, "prepayment", null,
                            null, Map.of(), minor, null));
        }

        @ParameterizedTest(name = "{1} {0}")
        @CsvSource({"USD, 1.005", "JPY, 1.5", "BHD, 1.0005"})
        void refusesMoreDecimalsThanTheCurrencyHas(String currency, String amount) {
            givenWallet(currency)
                    .when(credit(amount, "prepayment"))
                    .expectException(validationFailure(error("amount", "too_many_decimals")))
                    .expectNoEvents();

            verifyNoInteractions(registry);
        }

        @ParameterizedTest
        @ValueSource(strings = {"0", "-5", "-0", "abc", "1,00", "NaN", "Infinity", "1000000000000.01"})
        void refusesAnAmountThatIsNotAPositiveNumberUpToTheMaximum(String amount) {
            givenUsdWallet()
                    .when(credit(amount, "prepayment"))
                    .expectException(validationFailure(error("amount", "invalid_amount")))
                    .expectNoEvents();

            verifyNoInteractions(registry);
        }

        @Test
        void requiresAnAmount() {
            givenUsdWallet()
                    .when(credit(null, "prepayment"))
                    .expectException(validationFailure(error("amount", "required")))
                    .expectNoEvents();
        }

        @Test
        void acceptsTheExpectedVersionWhenItIsTheWalletsVersion() {
            givenUsdWallet(credited(100, 100))
                    .when(new CreditWalletCommand(WALLET, ORG, TXN, "1", "goodwill", NO_DETAILS, 2L, null))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new WalletCreditedEvent(WALLET, CUSTOMER, TXN, "USD", 100, "goodwill", null, null,
                            Map.of(), 200, null));
        }

        @Test
        void refusesAnExpectedVersionThatIsNotTheWalletsVersion() {
            givenUsdWallet(credited(100, 100))
                    .when(new CreditWalletCommand(WALLET, ORG, TXN, "1", "goodwill", NO_DETAILS, 1L, null))
                    .expectException(VersionConflictException.class)
                    .expectException(billfoldError(ErrorKind.CONFLICT, "version_conflict",
                            "Expected version 1 but the wallet is at version 2"))
                    .expectNoEvents();

            verifyNoInteractions(registry);
        }

        @Test
        void treatsAnotherOrganizationsWalletAsMissingBeforeLookingAtTheCommand() {
            givenUsdWallet()
                    .when(new CreditWalletCommand(WALLET, OTHER_ORG, TXN, "not a number", null, NO_DETAILS, 9L, null))
                    .expectException(WalletNotFoundException.class)
                    .expectException(billfoldError(ErrorKind.NOT_FOUND, "wallet_not_found", "No wallet wal_1"))
                    .expectNoEvents();

            verifyNoInteractions(registry);
        }

        @Test
        void acceptsTwentyMetadataKeys() {
            givenUsdWallet()
                    .when(creditWithEntry(null, null, metadataOfSize(20)))
                    .expectEvents(new WalletCreditedEvent(WALLET, CUSTOMER, TXN, "USD", 100, "goodwill", null, null,
                            metadataOfSize(20), 100, null));
        }

        @Test
        void refusesMoreThanTwentyMetadataKeys() {
            givenUsdWallet()
                    .when(creditWithEntry(null, null, metadataOfSize(21)))
                    .expectException(validationFailure(error("metadata", "too_many")))
                    .expectNoEvents();

            verifyNoInteractions(registry);
        }

        static Stream<Arguments> metadataOutOfBounds() {
            return Stream.of(
                    Arguments.of(Map.of("k".repeat(41), "value"), "metadata." + "k".repeat(41)),
                    Arguments.of(Map.of(" ", "value"), "metadata. "),
                    Arguments.of(Map.of("note", "v".repeat(501)), "metadata.note"),
                    Arguments.of(Map.of(EMOJI.repeat(41), "value"), "metadata." + EMOJI.repeat(41)),
                    Arguments.of(Map.of("note", EMOJI.repeat(501)), "metadata.note"));
        }

        @ParameterizedTest
        @MethodSource("metadataOutOfBounds")
        void refusesAMetadataKeyOrValueOutOfBounds(Map<String, String> metadata, String field) {
            givenUsdWallet()
                    .when(creditWithEntry(null, null, metadata))
                    .expectException(validationFailure(error(field, "invalid_value")))
                    .expectNoEvents();
        }

        @Test
        void refusesANullMetadataValue() {
            Map<String, String> metadata = new HashMap<>();
            metadata.put("note", null);

            givenUsdWallet()
                    .when(creditWithEntry(null, null, metadata))
                    .expectException(validationFailure(error("metadata.note", "invalid_value")))
                    .expectNoEvents();
        }

        @Test
        void acceptsMetadataAtItsBounds() {
            Map<String, String> metadata = Map.of("k".repeat(40), "v".repeat(500));

            givenUsdWallet()
                    .when(creditWithEntry(null, null, metadata))
                    .expectEvents(new WalletCreditedEvent(WALLET, CUSTOMER, TXN, "USD", 100, "goodwill", null, null,
                            metadata, 100, null));
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "   ", "\t\n"})
        void refusesABlankDescription(String blank) {
            givenUsdWallet()
                    .when(creditWithEntry(blank, null, null))
                    .expectException(validationFailure(error("description", "invalid_value")))
                    .expectNoEvents();
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "   ", "\t\n"})
        void refusesABlankReference(String blank) {
            givenUsdWallet()
                    .when(creditWithEntry(null, blank, null))
                    .expectException(validationFailure(error("reference", "invalid_value")))
                    .expectNoEvents();
        }

        @Test
        void refusesADescriptionLongerThan255Characters() {
            givenUsdWallet()
                    .when(creditWithEntry("d".repeat(256), null, null))
                    .expectException(validationFailure(error("description", "invalid_value")))
                    .expectNoEvents();
        }

        @Test
        void refusesAReferenceLongerThan255Characters() {
            givenUsdWallet()
                    .when(creditWithEntry(null, "r".repeat(256), null))
                    .expectException(validationFailure(error("reference", "invalid_value")))
                    .expectNoEvents();
        }

        @Test
        void acceptsA255CharacterDescriptionCountedAfterTrimming() {
            givenUsdWallet()
                    .when(creditWithEntry("  " + "d".repeat(255) + "  ", "r".repeat(255), null))
                    .expectEvents(new WalletCreditedEvent(WALLET, CUSTOMER, TXN, "USD", 100, "goodwill",
                            "d".repeat(255), "r".repeat(255), Map.of(), 100, null));
        }

        /** Characters are counted as people count them: an emoji is one character, not two UTF-16 units. */
        @Test
        void acceptsA255CharacterDescriptionAndReferenceOfEmoji() {
            givenUsdWallet()
                    .when(creditWithEntry(EMOJI.repeat(255), EMOJI.repeat(255), null))
                    .expectEvents(new WalletCreditedEvent(WALLET, CUSTOMER, TXN, "USD", 100, "goodwill",
                            EMOJI.repeat(255), EMOJI.repeat(255), Map.of(), 100, null));
        }

        @Test
        void refusesA256CharacterDescriptionOrReferenceOfEmoji() {
            givenUsdWallet()
                    .when(creditWithEntry(EMOJI.repeat(256), EMOJI.repeat(256), null))
                    .expectException(validationFailure(error("description", "invalid_value"),
                            error("reference", "invalid_value")))
                    .expectNoEvents();
        }

        @Test
        void countsMetadataKeysAndValuesInCharactersToo() {
            Map<String, String> metadata = Map.of(EMOJI.repeat(40), EMOJI.repeat(500));

            givenUsdWallet()
                    .when(creditWithEntry(null, null, metadata))
                    .expectEvents(new WalletCreditedEvent(WALLET, CUSTOMER, TXN, "USD", 100, "goodwill", null, null,
                            metadata, 100, null));
        }

        @Test
        void refusesCreditForAnArchivedCustomer() {
            doThrow(new CustomerArchivedException(CUSTOMER)).when(customers).requireLiveCustomer(ORG, CUSTOMER);

            givenUsdWallet()
                    .when(credit("1", "goodwill"))
                    .expectException(CustomerArchivedException.class)
                    .expectNoEvents();
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // debit
    // ---------------------------------------------------------------------------------------------------------------

    @Nested
    class Debit {

        @Test
        void listsEveryInvalidFieldAtOnce() {
            givenUsdWallet(credited(500, 500))
                    .when(new DebitWalletCommand(WALLET, ORG, TXN, "ten", "invoice_settlement", null,
                            new EntryDetails(null, "\u0001", metadataOfSize(21)), null))
                    .expectException(validationFailure(error("amount", "invalid_amount"),
                            error("invoice_id", "required"), error("reference", "invalid_value"),
                            error("metadata", "too_many")))
                    .expectNoEvents();

            verifyNoInteractions(registry);
        }

        @Test
        void emitsTheDebitInMinorUnitsAndReturnsTheEntry() {
            DebitWalletCommand command = new DebitWalletCommand(WALLET, ORG, TXN, "40.10", "invoice_settlement",
                    " inv_9 ", new EntryDetails("Invoice 9", "INV-9", Map.of("period", "2025-02")), null);

            givenUsdWallet(credited(10000, 10000))
                    .when(command, META)
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new WalletDebitedEvent(WALLET, CUSTOMER, TXN, "USD", 4010, "invoice_settlement",
                            "inv_9", "Invoice 9", "INV-9", Map.of("period", "2025-02"), 5990, List.of(new GrantAmount("txn_0", 4010)), null))
                    .expectResultMessagePayload(new TransactionResponse(TXN, WALLET, CUSTOMER, "debit", "40.10", "USD",
                            "invoice_settlement", "Invoice 9", "INV-9", "inv_9", Map.of("period", "2025-02"), "59.90",
                            3, new Provenance(ACTOR, "idem-1", "req_1", millis(NOW)), null,
                            List.of(new ConsumedGrant("txn_0", "40.10")), null, null, null));

            verifyNoInteractions(customers, registry);
        }

        @Test
        void mayTakeTheWholeBalance() {
            givenUsdWallet(credited(1000, 1000))
                    .when(debit("10.00", "manual_deduction", null), META)
                    .expectEvents(new WalletDebitedEvent(WALLET, CUSTOMER, TXN, "USD", 1000, "manual_deduction", null,
                            null, null, Map.of(), 0, List.of(new GrantAmount("txn_0", 1000)), null))
                    .expectResultMessagePayloadMatching(
                            transaction(entry -> assertThat(entry.balanceAfter()).isEqualTo("0.00")));

            verifyNoInteractions(customers, registry);
        }

        @Test
        void refusesToTakeMoreThanTheBalanceAndAppliesNothing() {
            givenUsdWallet(credited(1000, 1000))
                    .when(debit("10.01", "manual_deduction", null))
                    .expectException(InsufficientFundsException.class)
                    .expectException(billfoldError(ErrorKind.INVALID, "insufficient_funds",
                            "The wallet holds only 10.00 USD"))
                    .expectNoEvents();

            verifyNoInteractions(registry);
        }

        @Test
        void refusesAnyDebitOfAnEmptyWallet() {
            givenWallet("JPY")
                    .when(debit("1", "other", null))
                    .expectException(billfoldError(ErrorKind.INVALID, "insufficient_funds",
                            "The wallet holds only 0 JPY"))
                    .expectNoEvents();
        }

        @Test
        void requiresAnInvoiceIdForAnInvoiceSettlement() {
            givenUsdWallet(credited(1000, 1000))
                    .when(debit("1", "invoice_settlement", null))
                    .expectException(validationFailure(error("invoice_id", "required")))
                    .expectNoEvents();

            verifyNoInteractions(registry);
        }

        @Test
        void refusesABlankInvoiceId() {
            givenUsdWallet(credited(1000, 1000))
                    .when(debit("1", "invoice_settlement", "  "))
                    .expectException(validationFailure(error("invoice_id", "invalid_value")))
                    .expectNoEvents();
        }

        @ParameterizedTest
        @ValueSource(strings = {"manual_deduction", "correction", "other"})
        void acceptsEveryOtherDebitReasonWithoutAnInvoice(String reason) {
            givenUsdWallet(credited(1000, 1000))
                    .when(debit("1", reason, null))
                    .expectEvents(new WalletDebitedEvent(WALLET, CUSTOMER, TXN, "USD", 100, reason, null, null, null,
                            Map.of(), 900, List.of(new GrantAmount("txn_0", 100)), null));
        }

        @Test
        void keepsAnInvoiceIdGivenWithAnotherReason() {
            givenUsdWallet(credited(1000, 1000))
                    .when(debit("1", "correction", "inv_9"))
                    .expectEvents(new WalletDebitedEvent(WALLET, CUSTOMER, TXN, "USD", 100, "correction", "inv_9",
                            null, null, Map.of(), 900, List.of(new GrantAmount("txn_0", 100)), null));
        }

        @ParameterizedTest
        @ValueSource(strings = {"promotional", "refund", "prepayment", "transfer", "Other", ""})
        void refusesAnyOtherReason(String reason) {
            givenUsdWallet(credited(1000, 1000))
                    .when(debit("1", reason, null))
                    .expectException(validationFailure(error("reason", "invalid_value")))
                    .expectNoEvents();
        }

        @Test
        void requiresAReason() {
            givenUsdWallet(credited(1000, 1000))
                    .when(debit("1", null, null))
                    .expectException(validationFailure(error("reason", "required")))
                    .expectNoEvents();
        }

        @ParameterizedTest(name = "{1} {0}")
        @CsvSource({"USD, 0.001, too_many_decimals", "JPY, 0.5, too_many_decimals", "USD, 0, invalid_amount",
                "USD, -1, invalid_amount"})
        void refusesAnInvalidAmount(String currency, String amount, String code) {
            givenWallet(currency)
                    .when(debit(amount, "other", null))
                    .expectException(validationFailure(error("amount", code)))
                    .expectNoEvents();
        }

        @Test
        void acceptsTheExpectedVersionWhenItIsTheWalletsVersion() {
            givenUsdWallet(credited(1000, 1000))
                    .when(new DebitWalletCommand(WALLET, ORG, TXN, "1", "other", null, NO_DETAILS, 2L))
                    .expectEvents(new WalletDebitedEvent(WALLET, CUSTOMER, TXN, "USD", 100, "other", null, null, null,
                            Map.of(), 900, List.of(new GrantAmount("txn_0", 100)), null));
        }

        @Test
        void refusesAnExpectedVersionThatIsNotTheWalletsVersion() {
            givenUsdWallet(credited(1000, 1000))
                    .when(new DebitWalletCommand(WALLET, ORG, TXN, "1", "other", null, NO_DETAILS, 3L))
                    .expectException(billfoldError(ErrorKind.CONFLICT, "version_conflict",
                            "Expected version 3 but the wallet is at version 2"))
                    .expectNoEvents();

            verifyNoInteractions(registry);
        }

        @Test
        void treatsAnotherOrganizationsWalletAsMissing() {
            givenUsdWallet(credited(1000, 1000))
                    .when(new DebitWalletCommand(WALLET, OTHER_ORG, TXN, "1", "other", null, NO_DETAILS, null))
                    .expectException(billfoldError(ErrorKind.NOT_FOUND, "wallet_not_found", "No wallet wal_1"))
                    .expectNoEvents();

            verifyNoInteractions(registry);
        }

        @Test
        void refusesAnInvalidEntryBeforeCheckingTheBalance() {
            givenUsdWallet()
                    .when(new DebitWalletCommand(WALLET, ORG, TXN, "1", "other", null,
                            new EntryDetails(null, null, metadataOfSize(21)), null))
                    .expectException(validationFailure(error("metadata", "too_many")))
                    .expectNoEvents();
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // state
    // ---------------------------------------------------------------------------------------------------------------

    // ---------------------------------------------------------------------------------------------------------------
    // low-balance threshold
    // ---------------------------------------------------------------------------------------------------------------

    @Nested
    class LowBalance {

        private static final WalletLowBalanceThresholdChangedEvent THRESHOLD_10 =
                new WalletLowBalanceThresholdChangedEvent(WALLET, "USD", 1000L);

        private static UpdateWalletCommand threshold(String amount) {
            return new UpdateWalletCommand(WALLET, ORG, new LowBalanceThreshold(amount));
        }

        @Test
        void setsChangesAndRemovesTheThresholdShowingItOnTheWallet() {
            givenUsdWallet(credited(5000, 5000))
                    .when(threshold("10.00"))
                    .expectEvents(new WalletLowBalanceThresholdChangedEvent(WALLET, "USD", 1000L))
                    .expectResultMessagePayload(new WalletResponse(WALLET, CUSTOMER, "USD", "50.00", 3,
                            millis(CREATED), millis(NOW), "10.00", "0.00", "50.00"));
            givenUsdWallet(THRESHOLD_10)
                    .when(threshold("12.5"))
                    .expectEvents(new WalletLowBalanceThresholdChangedEvent(WALLET, "USD", 1250L));
            givenUsdWallet(THRESHOLD_10)
                    .when(threshold(null))
                    .expectEvents(new WalletLowBalanceThresholdChangedEvent(WALLET, "USD", null))
                    .expectResultMessagePayloadMatching(RuleMatchers.satisfying(WalletResponse.class,
                            wallet -> assertThat(wallet.lowBalanceThreshold()).isNull()));
        }

        @Test
        void anUnchangedOrAbsentThresholdRecordsNothing() {
            givenUsdWallet(THRESHOLD_10).when(threshold("10")).expectNoEvents().expectSuccessfulHandlerExecution();
            givenUsdWallet().when(threshold(null)).expectNoEvents();
            givenUsdWallet(THRESHOLD_10).when(new UpdateWalletCommand(WALLET, ORG, null)).expectNoEvents()
                    .expectResultMessagePayloadMatching(RuleMatchers.satisfying(WalletResponse.class,
                            wallet -> assertThat(wallet.lowBalanceThreshold()).isEqualTo("10.00")));
        }

        @ParameterizedTest
        @CsvSource({"0, invalid_amount", "-1, invalid_amount", "1.001, too_many_decimals", "ten, invalid_amount"})
        void refusesAThresholdThatIsNotAPositiveAmountOfTheCurrency(String amount, String code) {
            givenUsdWallet()
                    .when(threshold(amount))
                    .expectNoEvents()
                    .expectException(validationFailure(error("low_balance_threshold", code)));
        }

        @Test
        void anotherOrganizationsWalletDoesNotExist() {
            givenUsdWallet()
                    .when(new UpdateWalletCommand(WALLET, OTHER_ORG, new LowBalanceThreshold("1")))
                    .expectNoEvents()
                    .expectException(WalletNotFoundException.class);
        }

        @Test
        void aDebitThatTakesTheBalanceBelowTheThresholdRecordsBalanceLowAfterItsEntry() {
            givenUsdWallet(credited(1500, 1500), THRESHOLD_10)
                    .when(debit("5.01", "manual_deduction", null), META)
                    .expectEvents(new WalletDebitedEvent(WALLET, CUSTOMER, TXN, "USD", 501, "manual_deduction", null,
                            null, null, Map.of(), 999, List.of(new GrantAmount("txn_0", 501)), null),
                            new WalletBalanceLowEvent(WALLET, CUSTOMER, "USD", 999, 1000))
                    .expectResultMessagePayloadMatching(transaction(entry -> assertThat(entry.sequence()).isEqualTo(4)))
                    .expectState(wallet -> assertThat(wallet.toResponse().version()).isEqualTo(5));
        }

        @Test
        void aBalanceThatStaysAtOrAboveTheThresholdOrWasAlreadyBelowItRecordsNothingMore() {
            givenUsdWallet(credited(1500, 1500), THRESHOLD_10)
                    .when(debit("5.00", "manual_deduction", null))
                    .expectEvents(new WalletDebitedEvent(WALLET, CUSTOMER, TXN, "USD", 500, "manual_deduction", null,
                            null, null, Map.of(), 1000, List.of(new GrantAmount("txn_0", 500)), null));
            givenUsdWallet(credited(900, 900), THRESHOLD_10)
                    .when(debit("1.00", "manual_deduction", null))
                    .expectEvents(new WalletDebitedEvent(WALLET, CUSTOMER, TXN, "USD", 100, "manual_deduction", null,
                            null, null, Map.of(), 800, List.of(new GrantAmount("txn_0", 100)), null));
            givenUsdWallet(credited(1500, 1500), THRESHOLD_10,
                    new WalletDebitedEvent(WALLET, CUSTOMER, "txn_a", "USD", 1000, "manual_deduction", null, null, null,
                            Map.of(), 500, null, null), new WalletBalanceLowEvent(WALLET, CUSTOMER, "USD", 500, 1000))
                    .when(debit("1.00", "manual_deduction", null))
                    .expectEvents(new WalletDebitedEvent(WALLET, CUSTOMER, TXN, "USD", 100, "manual_deduction", null,
                            null, null, Map.of(), 400, List.of(new GrantAmount("txn_0", 100)), null));
        }

        @Test
        void itFiresAgainOnlyAfterTheBalanceWasBackAtOrAboveTheThreshold() {
            givenUsdWallet(credited(1500, 1500), THRESHOLD_10,
                    new WalletDebitedEvent(WALLET, CUSTOMER, "txn_a", "USD", 1000, "manual_deduction", null, null, null,
                            Map.of(), 500, null, null), new WalletBalanceLowEvent(WALLET, CUSTOMER, "USD", 500, 1000),
                    new WalletCreditedEvent(WALLET, CUSTOMER, "txn_b", "USD", 500, "prepayment", null, null, Map.of(),
                            1000, null))
                    .when(debit("0.01", "manual_deduction", null))
                    .expectEvents(new WalletDebitedEvent(WALLET, CUSTOMER, TXN, "USD", 1, "manual_deduction", null,
                            null, null, Map.of(), 999, List.of(new GrantAmount("txn_0", 1)), null), new WalletBalanceLowEvent(WALLET, CUSTOMER, "USD", 999, 1000));
        }

        @Test
        void aWalletWithoutThresholdNeverRecordsIt() {
            givenUsdWallet(credited(1500, 1500))
                    .when(debit("15.00", "manual_deduction", null))
                    .expectEvents(new WalletDebitedEvent(WALLET, CUSTOMER, TXN, "USD", 1500, "manual_deduction", null,
                            null, null, Map.of(), 0, List.of(new GrantAmount("txn_0", 1500)), null));
        }
    }

    @Nested
    class State {

        /** Credited 15.00, debited 5.00, transferred out 3.00 and in 2.00: holds 9.00 at version 5. */
        private final Object[] history = {
                credited(1500, 1500),
                new WalletDebitedEvent(WALLET, CUSTOMER, "txn_2", "USD", 500, "other", null, null, null, Map.of(),
                        1000, null, null),
                new WalletTransferredOutEvent(WALLET, CUSTOMER, "trf_1_out", "trf_1", "wal_2", "USD", 300, null, null,
                        Map.of(), 700, null),
                new WalletTransferredInEvent(WALLET, CUSTOMER, "trf_2_in", "trf_2", "wal_3", "USD", 200, null, null,
                        Map.of(), 900, null)};

        @Test
        void continuesFromTheBalanceAndVersionOfEveryKindOfEntry() {
            givenUsdWallet(history)
                    .when(credit("1", "goodwill"), META)
                    .expectEvents(new WalletCreditedEvent(WALLET, CUSTOMER, TXN, "USD", 100, "goodwill", null, null,
                            Map.of(), 1000, null))
                    .expectResultMessagePayloadMatching(transaction(entry -> {
                        assertThat(entry.balanceAfter()).isEqualTo("10.00");
                        assertThat(entry.sequence()).isEqualTo(6);
                    }))
                    .expectState(wallet -> assertThat(wallet.toResponse()).isEqualTo(new WalletResponse(WALLET,
                            CUSTOMER, "USD", "10.00", 6, millis(CREATED), millis(NOW), null, "0.00", "10.00")));
        }

        @Test
        void knowsTheBalanceItHoldsAfterEveryKindOfEntry() {
            givenUsdWallet(history)
                    .when(debit("9.01", "other", null))
                    .expectException(billfoldError(ErrorKind.INVALID, "insufficient_funds",
                            "The wallet holds only 9.00 USD"));
        }

        @Test
        void takesTheBalanceFromTheEventsBalanceAfterRatherThanSummingAmounts() {
            givenUsdWallet(credited(100, 5000))
                    .when(new CreditWalletCommand(WALLET, ORG, TXN, "1", "goodwill", NO_DETAILS, 2L, null))
                    .expectEvents(new WalletCreditedEvent(WALLET, CUSTOMER, TXN, "USD", 100, "goodwill", null, null,
                            Map.of(), 5100, null));
        }
    }
}
