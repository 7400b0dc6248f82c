package io.billfold.command.wallet;

import static io.billfold.command.RuleMatchers.error;
import static io.billfold.command.RuleMatchers.satisfying;
import static io.billfold.command.RuleMatchers.validationFailure;
import static io.billfold.command.wallet.WalletMatchers.billfoldError;
import static io.billfold.command.wallet.WalletMatchers.transaction;
import static org.assertj.core.api.Assertions.assertThat;
import static org.axonframework.test.matchers.Matchers.andNoMore;
import static org.axonframework.test.matchers.Matchers.exactSequenceOf;
import static org.axonframework.test.matchers.Matchers.payloadsMatching;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

import io.billfold.api.error.ErrorKind;
import io.billfold.api.wallet.CaptureHoldCommand;
import io.billfold.api.wallet.ConsumedGrant;
import io.billfold.api.wallet.CreateHoldCommand;
import io.billfold.api.wallet.CreditWalletCommand;
import io.billfold.api.wallet.DebitWalletCommand;
import io.billfold.api.wallet.EntryDetails;
import io.billfold.api.wallet.GrantAmount;
import io.billfold.api.wallet.HoldNotActiveException;
import io.billfold.api.wallet.HoldResponse;
import io.billfold.api.wallet.InsufficientFundsException;
import io.billfold.api.wallet.ReleaseHoldCommand;
import io.billfold.api.wallet.VersionConflictException;
import io.billfold.api.wallet.WalletCreatedEvent;
import io.billfold.api.wallet.WalletCreditedEvent;
import io.billfold.api.wallet.WalletDebitedEvent;
import io.billfold.api.wallet.WalletGrantExpiredEvent;
import io.billfold.api.wallet.WalletHoldCapturedEvent;
import io.billfold.api.wallet.WalletHoldCreatedEvent;
import io.billfold.api.wallet.WalletHoldExpiredEvent;
import io.billfold.api.wallet.WalletHoldReleasedEvent;
import io.billfold.command.CustomerLookup;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.TestExecutor;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * Grants, their expiry and holds, through Axon's aggregate test fixture. Grants that expire are given as commands, so
 * that their expiry deadlines are scheduled on the fixture's deadline manager; captures and releases go through
 * {@link HoldCommands} on the fixture's repository, with a mocked {@link HoldRegistry}.
 */
class WalletGrantsAndHoldsTest {

    private static final String ORG = "org_acme";
    private static final EntryDetails NO_DETAILS = new EntryDetails(null, null, null);
    private static final String WALLET = "wal_1";
    private static final String CUSTOMER = "cus_1";
    private static final Instant CREATED = Instant.parse("2025-03-01T10:00:00Z");
    private static final Instant DAY_2 = CREATED.plus(Duration.ofDays(1));
    private static final Instant DAY_3 = CREATED.plus(Duration.ofDays(2));
    private static final Instant DAY_5 = CREATED.plus(Duration.ofDays(4));
    private static final Map<String, String> META = Map.of("actor_id", "key_1", "actor_name", "ops");

    private AggregateTestFixture<Wallet> fixture;
    private HoldRegistry holdRegistry;

    @BeforeEach
    void setUp() {
        holdRegistry = mock(HoldRegistry.class);
        org.mockito.Mockito.when(holdRegistry.walletOf(ORG, "hold_1")).thenReturn(WALLET);
        fixture = new AggregateTestFixture<>(Wallet.class);
        fixture.registerInjectableResource(mock(CustomerLookup.class));
        fixture.registerInjectableResource(holdRegistry);
        fixture.registerAnnotatedCommandHandler(new HoldCommands(fixture.getRepository(), holdRegistry));
    }

    /** A new fixture each time: the fixture's deadline manager takes its time once, before anything is scheduled. */
    private TestExecutor<Wallet> givenWallet(Object... commands) {
        setUp();
        return fixture.givenCurrentTime(CREATED)
                .andGiven(new WalletCreatedEvent(WALLET, ORG, CUSTOMER, "USD"))
                .andGivenCommands(commands);
    }

    private static CreditWalletCommand credit(String transactionId, String amount, Instant expiresAt) {
        return new CreditWalletCommand(WALLET, ORG, transactionId, amount, "promotional", NO_DETAILS, null,
                expiresAt == null ? null : expiresAt.toString());
    }

    private static DebitWalletCommand debit(String transactionId, String amount) {
        return new DebitWalletCommand(WALLET, ORG, transactionId, amount, "manual_deduction", null, NO_DETAILS, null);
    }

    private static CreateHoldCommand hold(String amount, Instant expiresAt) {
        return new CreateHoldCommand(WALLET, ORG, "hold_1", amount, new EntryDetails("Ride", "charge-1", null),
                expiresAt == null ? null : expiresAt.toString(), null);
    }

    private static CaptureHoldCommand capture(String amount) {
        return new CaptureHoldCommand("hold_1", ORG, "txn_cap", amount, null);
    }

    private static List<GrantAmount> grants(Object... idsAndAmounts) {
        List<GrantAmount> grants = new java.util.ArrayList<>();
        for (int i = 0; i < idsAndAmounts.length; i += 2) {
            grants.add(new GrantAmount((String) idsAndAmounts[i], ((Number) idsAndAmounts[i + 1]).longValue()));
        }
        return grants;
    }

    /** An expiry entry of this grant and amount (its transaction id is random). */
    @SuppressWarnings("unchecked")
    private static Matcher<Object> expired(String grantId, long amountMinor, long balanceAfterMinor) {
        return (Matcher<Object>) (Matcher<?>) satisfying(WalletGrantExpiredEvent.class, event -> {
            assertThat(event.grantId()).isEqualTo(grantId);
            assertThat(event.amountMinor()).isEqualTo(amountMinor);
            assertThat(event.balanceAfterMinor()).isEqualTo(balanceAfterMinor);
            assertThat(event.transactionId()).startsWith("txn_");
        });
    }

    private static Matcher<Object> equalTo(Object expected) {
        return org.hamcrest.Matchers.equalTo(expected);
    }

    // --- grants and their consumption order

    @Test
    void aCreditWithAnExpiryIsAGrantWhoseExpiryIsScheduled() {
        givenWallet()
                .when(credit("txn_1", "10.00", DAY_3), META)
                .expectEvents(new WalletCreditedEvent(WALLET, CUSTOMER, "txn_1", "USD", 1000, "promotional", null,
                        null, Map.of(), 1000, DAY_3))
                .expectResultMessagePayloadMatching(transaction(entry -> assertThat(entry.expiresAt())
                        .isEqualTo(DAY_3)))
                .expectScheduledDeadlineWithName(DAY_3, Wallet.GRANT_EXPIRY);
    }

    @Test
    void refusesAnExpiryThatIsNotATimestampOrNotAheadOrBeyondTenYearsWithEveryOtherFieldError() {
        givenWallet()
                .when(new CreditWalletCommand(WALLET, ORG, "txn_1", "-1", "promotional", NO_DETAILS, null, "tomorrow"))
                .expectException(validationFailure(error("amount", "invalid_amount"),
                        error("expires_at", "invalid_value")))
                .expectNoEvents();
        givenWallet().when(credit("txn_1", "1", CREATED))
                .expectException(validationFailure(error("expires_at", "out_of_range")));
        givenWallet().when(credit("txn_1", "1", CREATED.plus(Duration.ofDays(3654))))
                .expectException(validationFailure(error("expires_at", "out_of_range")));
    }

    @Test
    void debitsConsumeTheSoonestExpiringFirstThenTheOldestAmongEqualsAndGrantsWithoutExpiryLast() {
        givenWallet(credit("txn_forever", "1.00", null), credit("txn_late", "1.00", DAY_5),
                credit("txn_soon", "1.00", DAY_2), credit("txn_soon_too", "1.00", DAY_2),
                credit("txn_forever_too", "1.00", null))
                .when(debit("txn_d", "4.50"), META)
                .expectEvents(new WalletDebitedEvent(WALLET, CUSTOMER, "txn_d", "USD", 450, "manual_deduction", null,
                        null, null, Map.of(), 50, grants("txn_soon", 100, "txn_soon_too", 100, "txn_late", 100,
                        "txn_forever", 100, "txn_forever_too", 50), null))
                .expectResultMessagePayloadMatching(transaction(entry -> assertThat(entry.consumedGrants())
                        .containsExactly(new ConsumedGrant("txn_soon", "1.00"), new ConsumedGrant("txn_soon_too",
                                        "1.00"), new ConsumedGrant("txn_late", "1.00"),
                                new ConsumedGrant("txn_forever", "1.00"),
                                new ConsumedGrant("txn_forever_too", "0.50"))));
    }

    /**
     * The early grant is given as an event: it has no deadline, as if its own had not run yet. The fixture runs
     * deadlines on the events' clock, which it leaves to the system: here it reads the time the deadline is due.
     */
    @Test
    void aGrantsExpiryAlsoExpiresEveryOtherGrantPastItsExpirySoonestFirst() {
        setUp();
        Clock system = GenericEventMessage.clock;
        GenericEventMessage.clock = Clock.fixed(DAY_3, ZoneOffset.UTC);
        try {
            fixture.givenCurrentTime(CREATED)
                    .andGiven(new WalletCreatedEvent(WALLET, ORG, CUSTOMER, "USD"),
                            new WalletCreditedEvent(WALLET, CUSTOMER, "txn_early", "USD", 100, "promotional", null,
                                    null, Map.of(), 100, DAY_2))
                    .andGivenCommands(credit("txn_late", "2.00", DAY_3), credit("txn_forever", "5.00", null),
                            credit("txn_later", "4.00", DAY_5))
                    .whenTimeAdvancesTo(DAY_3)
                    .expectTriggeredDeadlinesWithName(Wallet.GRANT_EXPIRY)
                    .expectEventsMatching(payloadsMatching(exactSequenceOf(expired("txn_early", 100, 1100),
                            expired("txn_late", 200, 900), andNoMore())))
                    .expectState(wallet -> assertThat(wallet.grantsInOrder()).extracting(Grant::grantId)
                            .containsExactly("txn_later", "txn_forever"));
        } finally {
            GenericEventMessage.clock = system;
        }
    }

    @Test
    void aGrantExpiresWithWhatIsLeftOfIt() {
        givenWallet(credit("txn_1", "10.00", DAY_3), credit("txn_2", "5.00", null), debit("txn_d", "4.00"))
                .whenTimeAdvancesTo(DAY_3)
                .expectTriggeredDeadlinesWithName(Wallet.GRANT_EXPIRY)
                .expectEventsMatching(payloadsMatching(exactSequenceOf(expired("txn_1", 600, 500), andNoMore())))
                .expectState(wallet -> {
                    assertThat(wallet.balanceMinor()).isEqualTo(500);
                    assertThat(wallet.grantsInOrder()).extracting(Grant::grantId).containsExactly("txn_2");
                });
    }

    @Test
    void aGrantUsedUpBeforeItsExpiryRecordsNothing() {
        givenWallet(credit("txn_1", "10.00", DAY_3), debit("txn_d", "10.00"))
                .whenTimeAdvancesTo(DAY_3)
                .expectTriggeredDeadlinesWithName(Wallet.GRANT_EXPIRY)
                .expectNoEvents();
    }

    // --- holds

    @Test
    void aHoldReservesFromGrantsInDebitOrderAndLowersWhatIsAvailable() {
        givenWallet(credit("txn_1", "10.00", null), credit("txn_2", "5.00", DAY_3))
                .when(hold("8.00", null))
                .expectEvents(new WalletHoldCreatedEvent(WALLET, CUSTOMER, "hold_1", "USD", 800, "charge-1", "Ride",
                        CREATED.plus(Duration.ofHours(24)), grants("txn_2", 500, "txn_1", 300)))
                .expectResultMessagePayloadMatching(satisfying(HoldResponse.class, hold -> {
                    assertThat(hold.status()).isEqualTo("active");
                    assertThat(hold.amount()).isEqualTo("8.00");
                }))
                .expectScheduledDeadlineWithName(CREATED.plus(Duration.ofHours(24)), Wallet.HOLD_EXPIRY)
                .expectState(wallet -> {
                    assertThat(wallet.toResponse().held()).isEqualTo("8.00");
                    assertThat(wallet.toResponse().available()).isEqualTo("7.00");
                    assertThat(wallet.toResponse().balance()).isEqualTo("15.00");
                });
        verify(holdRegistry).register(ORG, "hold_1", WALLET);
    }

    @Test
    void debitsAndHoldsAreCheckedAgainstWhatIsAvailable() {
        givenWallet(credit("txn_1", "10.00", null), hold("8.00", null))
                .when(debit("txn_d", "2.01"))
                .expectException(billfoldError(ErrorKind.INVALID, "insufficient_funds",
                        "The wallet holds only 2.00 USD"))
                .expectNoEvents();
        givenWallet(credit("txn_1", "10.00", null))
                .when(hold("10.01", null))
                .expectException(InsufficientFundsException.class)
                .expectNoEvents();
    }

    @Test
    void refusesAHoldWithAnExpiryBeyondThirtyDaysOrAWrongVersion() {
        givenWallet(credit("txn_1", "10.00", null))
                .when(hold("1.00", CREATED.plus(Duration.ofDays(31))))
                .expectException(validationFailure(error("expires_at", "out_of_range")));
        givenWallet(credit("txn_1", "10.00", null))
                .when(new CreateHoldCommand(WALLET, ORG, "hold_1", "1.00", NO_DETAILS, null, 1L))
                .expectException(VersionConflictException.class)
                .expectNoEvents();
    }

    @Test
    void aPartialCaptureDebitsFromTheReservedGrantsAndReleasesTheRest() {
        givenWallet(credit("txn_1", "10.00", null), credit("txn_2", "5.00", DAY_3), hold("8.00", null))
                .when(capture("6.00"), META)
                .expectEvents(new WalletDebitedEvent(WALLET, CUSTOMER, "txn_cap", "USD", 600, "hold_capture", null,
                                null, null, Map.of(), 900, grants("txn_2", 500, "txn_1", 100), "hold_1"),
                        new WalletHoldCapturedEvent(WALLET, CUSTOMER, "hold_1", "USD", "txn_cap", 600, 200))
                .expectResultMessagePayloadMatching(transaction(entry -> {
                    assertThat(entry.reason()).isEqualTo("hold_capture");
                    assertThat(entry.holdId()).isEqualTo("hold_1");
                    assertThat(entry.balanceAfter()).isEqualTo("9.00");
                }))
                .expectState(wallet -> {
                    assertThat(wallet.heldMinor()).isZero();
                    assertThat(wallet.availableMinor()).isEqualTo(900);
                });
    }

    @Test
    void aCaptureWithoutAmountTakesTheWholeHold() {
        givenWallet(credit("txn_1", "10.00", null), hold("8.00", null))
                .when(new CaptureHoldCommand("hold_1", ORG, "txn_cap", null, null))
                .expectEvents(new WalletDebitedEvent(WALLET, CUSTOMER, "txn_cap", "USD", 800, "hold_capture", null,
                                null, null, Map.of(), 200, grants("txn_1", 800), "hold_1"),
                        new WalletHoldCapturedEvent(WALLET, CUSTOMER, "hold_1", "USD", "txn_cap", 800, 0));
    }

    @Test
    void refusesACaptureBeyondTheHoldOrAtAnotherVersion() {
        givenWallet(credit("txn_1", "10.00", null), hold("8.00", null))
                .when(capture("8.01"))
                .expectException(validationFailure(error("amount", "invalid_value")))
                .expectNoEvents();
        givenWallet(credit("txn_1", "10.00", null), hold("8.00", null))
                .when(new CaptureHoldCommand("hold_1", ORG, "txn_cap", null, 2L))
                .expectException(VersionConflictException.class)
                .expectNoEvents();
    }

    @Test
    void capturingOrReleasingAHoldThatIsNoLongerActiveIsRefused() {
        givenWallet(credit("txn_1", "10.00", null), hold("8.00", null), capture("1.00"))
                .when(new ReleaseHoldCommand("hold_1", ORG, null))
                .expectException(billfoldError(ErrorKind.CONFLICT, "hold_not_active", "Hold hold_1 is no longer active"))
                .expectNoEvents();
        givenWallet(credit("txn_1", "10.00", null), hold("8.00", null), new ReleaseHoldCommand("hold_1", ORG, null))
                .when(capture(null))
                .expectException(HoldNotActiveException.class)
                .expectNoEvents();
    }

    @Test
    void aReleaseMakesTheReservedCreditAvailableAgain() {
        givenWallet(credit("txn_1", "10.00", null), hold("8.00", null))
                .when(new ReleaseHoldCommand("hold_1", ORG, 3L))
                .expectEvents(new WalletHoldReleasedEvent(WALLET, CUSTOMER, "hold_1", "USD", 800))
                .expectResultMessagePayloadMatching(satisfying(HoldResponse.class,
                        hold -> assertThat(hold.status()).isEqualTo("released")))
                .expectState(wallet -> assertThat(wallet.availableMinor()).isEqualTo(1000));
    }

    @Test
    void anActiveHoldExpiresAtItsTimeAndACapturedOneDoesNothingThen() {
        givenWallet(credit("txn_1", "10.00", null), hold("8.00", DAY_2))
                .whenTimeAdvancesTo(DAY_2)
                .expectTriggeredDeadlinesWithName(Wallet.HOLD_EXPIRY)
                .expectEvents(new WalletHoldExpiredEvent(WALLET, CUSTOMER, "hold_1", "USD", 800))
                .expectState(wallet -> assertThat(wallet.availableMinor()).isEqualTo(1000));
        givenWallet(credit("txn_1", "10.00", null), hold("8.00", DAY_2), capture(null))
                .whenTimeAdvancesTo(DAY_2)
                .expectTriggeredDeadlinesWithName(Wallet.HOLD_EXPIRY)
                .expectNoEvents();
    }

    @Test
    void reservedCreditDoesNotExpireWhileHeldAndExpiresWhenTheHoldReturnsIt() {
        givenWallet(credit("txn_1", "10.00", DAY_2), credit("txn_2", "5.00", null), hold("8.00", DAY_3))
                .whenTimeAdvancesTo(DAY_2)
                .expectEventsMatching(payloadsMatching(exactSequenceOf(expired("txn_1", 200, 1300), andNoMore())))
                .expectState(wallet -> {
                    assertThat(wallet.heldMinor()).isEqualTo(800);
                    assertThat(wallet.availableMinor()).isEqualTo(500);
                });
        givenWallet(credit("txn_1", "10.00", DAY_2), credit("txn_2", "5.00", null), hold("8.00", DAY_3))
                .whenTimeAdvancesTo(DAY_3)
                .expectEventsMatching(payloadsMatching(exactSequenceOf(expired("txn_1", 200, 1300),
                        equalTo(new WalletHoldExpiredEvent(WALLET, CUSTOMER, "hold_1", "USD", 800)),
                        expired("txn_1", 800, 500), andNoMore())))
                .expectState(wallet -> assertThat(wallet.balanceMinor()).isEqualTo(500));
    }

    @Test
    void whatACaptureLeavesOfAnExpiredGrantExpiresAtOnce() {
        setUp();
        fixture.givenCurrentTime(CREATED)
                .andGiven(new WalletCreatedEvent(WALLET, ORG, CUSTOMER, "USD"),
                        new WalletCreditedEvent(WALLET, CUSTOMER, "txn_1", "USD", 1000, "promotional", null, null,
                                Map.of(), 1000, DAY_2),
                        new WalletHoldCreatedEvent(WALLET, CUSTOMER, "hold_1", "USD", 800, null, null, DAY_5,
                                grants("txn_1", 800)))
                .andGivenCurrentTime(DAY_3)
                .when(capture("3.00"))
                .expectEventsMatching(payloadsMatching(exactSequenceOf(
                        equalTo(new WalletDebitedEvent(WALLET, CUSTOMER, "txn_cap", "USD", 300, "hold_capture", null,
                                null, null, Map.of(), 700, grants("txn_1", 300), "hold_1")),
                        equalTo(new WalletHoldCapturedEvent(WALLET, CUSTOMER, "hold_1", "USD", "txn_cap", 300, 500)),
                        expired("txn_1", 700, 0), andNoMore())));
    }

    @Test
    void aReleasedHoldCannotBeReleasedAgain() {
        givenWallet(credit("txn_1", "10.00", null), hold("8.00", null), new ReleaseHoldCommand("hold_1", ORG, null))
                .when(new ReleaseHoldCommand("hold_1", ORG, null))
                .expectException(HoldNotActiveException.class);
    }
}
