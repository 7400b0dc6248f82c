package io.billfold.command.wallet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import io.billfold.api.error.BillfoldException;
import io.billfold.api.wallet.CaptureHoldCommand;
import io.billfold.api.wallet.CreateHoldCommand;
import io.billfold.api.wallet.CreateWalletCommand;
import io.billfold.api.wallet.CreditWalletCommand;
import io.billfold.api.wallet.DebitWalletCommand;
import io.billfold.api.wallet.EntryDetails;
import io.billfold.api.wallet.ReleaseHoldCommand;
import io.billfold.api.wallet.TransferCreditCommand;
import io.billfold.api.wallet.WalletGrantExpiredEvent;
import io.billfold.command.CustomerLookup;
import io.billfold.platform.eventstore.AggregateLocks;
import org.axonframework.commandhandling.AnnotationCommandHandlerAdapter;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.common.caching.WeakReferenceCache;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.annotation.ClasspathParameterResolverFactory;
import org.axonframework.messaging.annotation.MultiParameterResolverFactory;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.axonframework.messaging.annotation.SimpleResourceParameterResolverFactory;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.modelling.command.AggregateAnnotationCommandHandler;
import org.axonframework.modelling.command.Repository;
import org.axonframework.test.deadline.StubDeadlineManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A seeded random walk of 10,000 steps over three wallets: credits with and without expiry, debits, transfers, holds,
 * captures, releases and clock advances that fire expiries, through the real command handlers on an event-sourcing
 * repository. After every step each wallet's balance is the sum of what remains of its grants, nothing is negative,
 * {@code held} is what its active holds reserve, and money is conserved: what was credited less what was debited,
 * captured and expired is what the wallets hold.
 */
class WalletRandomWalkTest {

    private static final String ORG = "org_acme";
    private static final EntryDetails NO_DETAILS = new EntryDetails(null, null, null);
    private static final List<String> WALLETS = List.of("wal_a", "wal_b", "wal_c");
    private static final Instant START = Instant.parse("2025-01-01T00:00:00Z");

    private final StubDeadlineManager deadlines = new StubDeadlineManager(START);
    private final EmbeddedEventStore eventStore =
            EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build();
    private final AtomicLong expiredMinor = new AtomicLong();
    private Repository<Wallet> repository;
    private CommandGateway commands;

    @AfterEach
    void tearDown() {
        GenericEventMessage.clock = Clock.systemUTC();
        eventStore.shutDown();
    }

    @Test
    void tenThousandRandomStepsKeepEveryInvariant() {
        GenericEventMessage.clock = new Clock() {
            @Override
            public Instant instant() {
                return deadlines.getCurrentDateTime();
            }

            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }
        };
        ParameterResolverFactory resolvers = MultiParameterResolverFactory.ordered(
                new SimpleResourceParameterResolverFactory(List.of(mock(CustomerLookup.class),
                        mock(WalletRegistry.class), mock(HoldRegistry.class), deadlines)),
                ClasspathParameterResolverFactory.forClass(Wallet.class));
        repository = EventSourcingRepository.builder(Wallet.class).eventStore(eventStore)
                .cache(new WeakReferenceCache()).parameterResolverFactory(resolvers).build();
        HoldRegistry holdRegistry = mock(HoldRegistry.class);
        List<String> holds = new ArrayList<>();
        SimpleCommandBus bus = SimpleCommandBus.builder().build();
        AggregateAnnotationCommandHandler.<Wallet>builder().aggregateType(Wallet.class).repository(repository).parameterResolverFactory(resolvers).build()
                .subscribe(bus);
        new AnnotationCommandHandlerAdapter<>(new WalletTransfers(repository, mock(CustomerLookup.class),
                mock(AggregateLocks.class)), resolvers).subscribe(bus);
        new AnnotationCommandHandlerAdapter<>(new HoldCommands(repository, holdRegistry), resolvers).subscribe(bus);
        commands = DefaultCommandGateway.builder().commandBus(bus).build();
        eventStore.subscribe(events -> events.forEach(event -> {
            if (event.getPayload() instanceof WalletGrantExpiredEvent expired) {
                expiredMinor.addAndGet(expired.amountMinor());
            }
        }));
        WALLETS.forEach(wallet -> commands.sendAndWait(new CreateWalletCommand(wallet, ORG, "cus_" + wallet, "USD")));

        Random random = new Random(16);
        long credited = 0;
        long debited = 0;
        int ids = 0;
        for (int step = 0; step < 10_000; step++) {
            String wallet = WALLETS.get(random.nextInt(WALLETS.size()));
            String amount = (1 + random.nextInt(2000)) / 100 + "." + String.format("%02d", random.nextInt(100));
            long minor = minor(amount);
            String id = "txn_" + ids++;
            int action = random.nextInt(100);
            try {
                if (action < 25) {
                    String expiresAt = random.nextBoolean() ? null
                            : now().plusSeconds(1 + random.nextInt(3600)).toString();
                    commands.sendAndWait(new CreditWalletCommand(wallet, ORG, id, amount, "promotional", NO_DETAILS,
                            null, expiresAt));
                    credited += minor;
                } else if (action < 40) {
                    commands.sendAndWait(new DebitWalletCommand(wallet, ORG, id, amount, "other", null, NO_DETAILS,
                            null));
                    debited += minor;
                } else if (action < 52) {
                    String target = WALLETS.get(random.nextInt(WALLETS.size()));
                    if (!target.equals(wallet)) {
                        commands.sendAndWait(new TransferCreditCommand("trf_" + id, ORG, wallet, target, amount,
                                NO_DETAILS));
                    }
                } else if (action < 67) {
                    String holdId = "hold_" + id;
                    org.mockito.Mockito.when(holdRegistry.walletOf(ORG, holdId)).thenReturn(wallet);
                    commands.sendAndWait(new CreateHoldCommand(wallet, ORG, holdId, amount, NO_DETAILS,
                            now().plusSeconds(1 + random.nextInt(3600)).toString(), null));
                    holds.add(holdId);
                } else if (action < 77 && !holds.isEmpty()) {
                    String holdId = holds.remove(random.nextInt(holds.size()));
                    String captured = random.nextBoolean() ? null : "0." + (10 + random.nextInt(90));
                    io.billfold.api.wallet.TransactionResponse capture = commands.sendAndWait(
                            new CaptureHoldCommand(holdId, ORG, id, captured, null));
                    debited += minor(capture.amount());
                } else if (action < 85 && !holds.isEmpty()) {
                    commands.sendAndWait(new ReleaseHoldCommand(holds.remove(random.nextInt(holds.size())), ORG,
                            null));
                } else {
                    Instant to = now().plusSeconds(random.nextInt(900));
                    deadlines.advanceTimeTo(to, (scope, deadline) -> DefaultUnitOfWork.startAndGet(deadline)
                            .execute(() -> {
                                try {
                                    ((EventSourcingRepository<Wallet>) repository).send(deadline, scope);
                                } catch (Exception e) {
                                    throw new IllegalStateException(e);
                                }
                            }));
                }
            } catch (CommandExecutionException | BillfoldException refused) {
                // Refusals (insufficient funds, holds no longer active, a capture beyond its hold) change nothing.
            }
            long total = 0;
            for (String each : WALLETS) {
                total += checkedBalance(each);
            }
            assertThat(total).as("money conserved after step %d", step)
                    .isEqualTo(credited - debited - expiredMinor.get());
        }
    }

    private Instant now() {
        return deadlines.getCurrentDateTime();
    }

    /** The wallet's balance, after checking its grants and holds against it. */
    private long checkedBalance(String walletId) {
        long[] balance = new long[1];
        DefaultUnitOfWork.startAndGet(null).execute(() -> repository.load(walletId).execute(wallet -> {
            long remaining = 0;
            long reserved = 0;
            for (Grant grant : wallet.grantsInOrder()) {
                assertThat(grant.remainingMinor()).isPositive();
                assertThat(grant.reservedMinor()).isBetween(0L, grant.remainingMinor());
                remaining += grant.remainingMinor();
                reserved += grant.reservedMinor();
            }
            assertThat(wallet.balanceMinor()).isEqualTo(remaining);
            assertThat(wallet.heldMinor()).isEqualTo(reserved).isNotNegative();
            assertThat(wallet.availableMinor()).isEqualTo(wallet.balanceMinor() - wallet.heldMinor())
                    .isNotNegative();
            balance[0] = wallet.balanceMinor();
        }));
        return balance[0];
    }

    /** An amount as the API writes it, in cents, exactly. */
    private static long minor(String amount) {
        return new BigDecimal(amount).movePointRight(2).longValueExact();
    }
}
