package io.billfold.query.wallet;

import io.billfold.api.MetadataKeys;
import io.billfold.api.PageRequest;
import io.billfold.api.wallet.BalanceResponse;
import io.billfold.api.wallet.FindWalletBalanceQuery;
import io.billfold.api.wallet.FindWalletQuery;
import io.billfold.api.wallet.FindWalletTransactionsQuery;
import io.billfold.api.wallet.TransactionFilter;
import io.billfold.api.wallet.TransactionResponse;
import io.billfold.api.wallet.WalletCreatedEvent;
import io.billfold.api.wallet.WalletCreditedEvent;
import io.billfold.api.wallet.WalletDebitedEvent;
import io.billfold.api.wallet.WalletResponse;
import io.billfold.api.wallet.WalletTransferredOutEvent;
import io.billfold.platform.testing.TestDataDir;
import io.billfold.query.QuerySideApplication;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.annotation.Transactional;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The wallet projection against a real PostgreSQL, with events handed to it directly. */
@SpringBootTest(classes = QuerySideApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
@Transactional
class WalletProjectionTest {

    private static final String ORGANIZATION = "org_wallet_projection";
    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

    @Autowired
    WalletProjection projection;
    @Autowired
    WalletQueries queries;

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        TestDataDir.register(registry);
    }

    @Test
    void entriesBuildTheLedgerTheBalanceAndTheBalanceAtAnyInstant() {
        String wallet = newWallet();
        WalletCreditedEvent credit = new WalletCreditedEvent(wallet, "cus_1", "txn_1", "USD", 10000, "prepayment",
                "Top-up", "PO-1", Map.of("source", "crm"), 10000, null);
        WalletDebitedEvent debit = new WalletDebitedEvent(wallet, "cus_1", "txn_2", "USD", 2550, "invoice_settlement",
                "inv-1", null, null, Map.of(), 7450, null, null);
        projection.on(credit, message(wallet, 1, credit, T0.plusSeconds(60)));
        projection.on(debit, message(wallet, 2, debit, T0.plusSeconds(120)));

        assertThat(queries.wallet(new FindWalletQuery(ORGANIZATION, wallet)).balance()).isEqualTo("74.50");
        List<TransactionResponse> ledger = ledger(wallet);
        assertThat(ledger).extracting(TransactionResponse::id).containsExactly("txn_2", "txn_1");
        TransactionResponse first = ledger.get(1);
        assertThat(first.amount()).isEqualTo("100.00");
        assertThat(first.metadata()).containsEntry("source", "crm");
        assertThat(first.provenance().actor().name()).isEqualTo("ops");
        assertThat(first.provenance().idempotencyKey()).isEqualTo("idem-1");
        assertThat(first.sequence()).isEqualTo(2);

        assertThat(balanceAt(wallet, T0.plusSeconds(30))).extracting(BalanceResponse::balance, BalanceResponse::sequence)
                .containsExactly("0.00", 0L);
        assertThat(balanceAt(wallet, T0.plusSeconds(90)).balance()).isEqualTo("100.00");
        assertThat(balanceAt(wallet, T0.plusSeconds(120)).balance()).isEqualTo("74.50");
        assertThat(queries.wallet(new FindWalletQuery("org_other", wallet))).isNull();
    }

    @Test
    void aRedeliveredEntryIsWrittenOnce() {
        String wallet = newWallet();
        WalletCreditedEvent credit = new WalletCreditedEvent(wallet, "cus_1", "txn_r", "USD", 500, "goodwill", null,
                null, Map.of(), 500, null);
        DomainEventMessage<?> message = message(wallet, 1, credit, T0.plusSeconds(1));
        projection.on(credit, message);
        projection.on(credit, message);

        assertThat(ledger(wallet)).hasSize(1);
        assertThat(queries.wallet(new FindWalletQuery(ORGANIZATION, wallet)).version()).isEqualTo(2);
    }

    @Test
    void transferEntriesAreDebitsAndCreditsWithTheTransferReason() {
        String wallet = newWallet();
        WalletCreditedEvent credit = new WalletCreditedEvent(wallet, "cus_1", "txn_c", "USD", 1000, "refund", null,
                null, Map.of(), 1000, null);
        WalletTransferredOutEvent out = new WalletTransferredOutEvent(wallet, "cus_1", "trf_1_out", "trf_1", "wal_to",
                "USD", 400, "Move", null, Map.of(), 600, null);
        projection.on(credit, message(wallet, 1, credit, T0.plusSeconds(1)));
        projection.on(out, message(wallet, 2, out, T0.plusSeconds(2)));

        TransactionResponse entry = ledger(wallet).get(0);
        assertThat(entry.type()).isEqualTo("debit");
        assertThat(entry.reason()).isEqualTo("transfer");
        assertThat(entry.transferId()).isEqualTo("trf_1");
        assertThat(entry.balanceAfter()).isEqualTo("6.00");
    }

    @Test
    void aBatchWritesEveryEntryAndMovesEachWalletOnceToItsLatestVersion() {
        String first = newWallet();
        String second = newWallet();
        WalletCreditedEvent one = new WalletCreditedEvent(first, "cus_1", "txn_b1", "USD", 100, "promotional", null,
                null, Map.of(), 100, null);
        WalletCreditedEvent two = new WalletCreditedEvent(first, "cus_1", "txn_b2", "USD", 250, "promotional", null,
                null, Map.of("batch", "yes"), 350, null);
        WalletDebitedEvent three = new WalletDebitedEvent(first, "cus_1", "txn_b3", "USD", 50, "manual_deduction",
                null, null, null, Map.of(), 300, null, null);
        WalletCreditedEvent other = new WalletCreditedEvent(second, "cus_1", "txn_b4", "USD", 700, "refund", null,
                null, Map.of(), 700, null);
        DomainEventMessage<?> oneMessage = message(first, 1, one, T0.plusSeconds(1));

        DefaultUnitOfWork<?> batch = DefaultUnitOfWork.startAndGet(null);
        projection.on(one, oneMessage);
        projection.on(two, message(first, 2, two, T0.plusSeconds(2)));
        projection.on(three, message(first, 3, three, T0.plusSeconds(3)));
        projection.on(other, message(second, 1, other, T0.plusSeconds(4)));
        // A redelivery of the first entry in the same batch changes nothing.
        projection.on(one, oneMessage);
        assertThat(ledger(first)).as("nothing is written before the batch commits").isEmpty();
        batch.commit();

        assertThat(ledger(first)).extracting(TransactionResponse::id).containsExactly("txn_b3", "txn_b2", "txn_b1");
        assertThat(ledger(first).get(1).metadata()).containsEntry("batch", "yes");
        assertThat(queries.wallet(new FindWalletQuery(ORGANIZATION, first)))
                .extracting(WalletResponse::balance, WalletResponse::version).containsExactly("3.00", 4L);
        assertThat(queries.wallet(new FindWalletQuery(ORGANIZATION, second)).balance()).isEqualTo("7.00");

        DefaultUnitOfWork<?> redelivery = DefaultUnitOfWork.startAndGet(null);
        projection.on(two, message(first, 2, two, T0.plusSeconds(2)));
        redelivery.commit();
        assertThat(queries.wallet(new FindWalletQuery(ORGANIZATION, first)).balance())
                .as("an older version never moves the balance back").isEqualTo("3.00");
    }

    @Test
    void anEntryOfAWalletTheReadModelLacksFailsInsteadOfVanishing() {
        String unknown = "wal_" + UUID.randomUUID();
        WalletCreditedEvent credit = new WalletCreditedEvent(unknown, "cus_1", "txn_lost", "USD", 100, "goodwill",
                null, null, Map.of(), 100, null);

        assertThatThrownBy(() -> projection.on(credit, message(unknown, 1, credit, T0)))
                .isInstanceOf(DataIntegrityViolationException.class);
    }

    private String newWallet() {
        String wallet = "wal_" + UUID.randomUUID();
        WalletCreatedEvent created = new WalletCreatedEvent(wallet, ORGANIZATION, "cus_1", "USD");
        projection.on(created, message(wallet, 0, created, T0));
        return wallet;
    }

    private List<TransactionResponse> ledger(String wallet) {
        return queries.transactions(new FindWalletTransactionsQuery(ORGANIZATION,
                new TransactionFilter(wallet, null, null, null, null, null, null), new PageRequest(10, null))).data();
    }

    private BalanceResponse balanceAt(String wallet, Instant at) {
        return queries.balanceAt(new FindWalletBalanceQuery(ORGANIZATION, wallet, at));
    }

    private static DomainEventMessage<?> message(String wallet, long sequence, Object payload, Instant at) {
        return new GenericDomainEventMessage<>("Wallet", wallet, sequence, payload,
                MetaData.from(Map.of(MetadataKeys.ACTOR_ID, "key_ops", MetadataKeys.ACTOR_NAME, "ops",
                        MetadataKeys.IDEMPOTENCY_KEY, "idem-1")), UUID.randomUUID().toString(), at);
    }
}
