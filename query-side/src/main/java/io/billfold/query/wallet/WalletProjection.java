package io.billfold.query.wallet;

import io.billfold.api.MetadataKeys;
import io.billfold.api.customer.CustomerErasedEvent;
import io.billfold.api.wallet.LedgerEntry;
import io.billfold.api.wallet.WalletBalanceLowEvent;
import io.billfold.api.wallet.WalletCreatedEvent;
import io.billfold.api.wallet.WalletCreditedEvent;
import io.billfold.api.wallet.WalletDebitedEvent;
import io.billfold.api.wallet.WalletLowBalanceThresholdChangedEvent;
import io.billfold.api.wallet.WalletTransferredInEvent;
import io.billfold.api.wallet.WalletTransferredOutEvent;
import io.billfold.query.projection.BatchedWrites;
import io.billfold.query.projection.BulkStatement;
import io.billfold.query.projection.ReadModel;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;
import java.util.Map;

/**
 * Builds {@code wallet_view} and {@code wallet_transaction} (ledger and audit trail). Idempotent: a wallet row moves
 * only to a later version, and an entry is written once per transaction id. Every write waits for the end of the
 * processor's batch and runs as one statement for all of the batch's events ({@link BatchedWrites},
 * {@link BulkStatement}): wallets first, then ledger entries (which copy their wallet's organization, customer and
 * currency), then balances, each wallet moving once, to the latest of its versions in the batch, then the versions of
 * events that record no entry, and thresholds (each on its own version).
 */
@Component
@ProcessingGroup(WalletProjection.PROCESSING_GROUP)
class WalletProjection implements ReadModel {

    static final String PROCESSING_GROUP = "wallets";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final BulkStatement WALLETS = BulkStatement.of("""
            insert into wallet_view (wallet_id, organization_id, customer_id, currency, balance_minor, version,
                created_at, updated_at)
            select w.wallet_id, w.organization_id, w.customer_id, w.currency, 0, w.version,
                   w.created_at::timestamptz, w.created_at::timestamptz
              from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::int8[], ?::text[])
                   as w(wallet_id, organization_id, customer_id, currency, version, created_at)
            on conflict (wallet_id) do nothing
            """, "text", "text", "text", "text", "int8", "text");

    /**
     * An entry of a wallet the read model does not have fails (organization_id is not null) rather than vanishing: its
     * batch is retried, then the event parked.
     */
    private static final BulkStatement LEDGER_ENTRIES = BulkStatement.of("""
            insert into wallet_transaction (transaction_id, wallet_id, organization_id, customer_id, type,
                amount_minor, currency, reason, description, reference, invoice_id, metadata, balance_after_minor,
                sequence, actor_id, actor_name, idempotency_key, request_id, occurred_at, transfer_id)
            select e.transaction_id, e.wallet_id, w.organization_id, w.customer_id, e.type, e.amount_minor,
                   w.currency, e.reason, e.description, e.reference, e.invoice_id, e.metadata::jsonb,
                   e.balance_after_minor, e.sequence, e.actor_id, e.actor_name, e.idempotency_key, e.request_id,
                   e.occurred_at::timestamptz, e.transfer_id
              from unnest(?::text[], ?::text[], ?::text[], ?::int8[], ?::text[], ?::text[], ?::text[], ?::text[],
                          ?::text[], ?::int8[], ?::int8[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                          ?::text[])
                   as e(transaction_id, wallet_id, type, amount_minor, reason, description, reference, invoice_id,
                        metadata, balance_after_minor, sequence, actor_id, actor_name, idempotency_key, request_id,
                        occurred_at, transfer_id)
              left join wallet_view w on w.wallet_id = e.wallet_id
            on conflict (transaction_id) do nothing
            """, "text", "text", "text", "int8", "text", "text", "text", "text", "text", "int8", "int8", "text",
            "text", "text", "text", "text", "text");

    /** An update joined to several rows for one wallet would apply an arbitrary one of them: take the latest. */
    private static final BulkStatement BALANCES = BulkStatement.of("""
            update wallet_view w
               set balance_minor = b.balance_minor, version = b.version, updated_at = b.updated_at::timestamptz
              from (select distinct on (wallet_id) wallet_id, balance_minor, version, updated_at
                      from unnest(?::text[], ?::int8[], ?::int8[], ?::text[])
                           as u(wallet_id, balance_minor, version, updated_at)
                     order by wallet_id, version desc) b
             where w.wallet_id = b.wallet_id and w.version < b.version
            """, "text", "int8", "int8", "text");

    private static final BulkStatement VERSIONS = BulkStatement.of("""
            update wallet_view w set version = v.version, updated_at = v.updated_at::timestamptz
              from (select distinct on (wallet_id) wallet_id, version, updated_at
                      from unnest(?::text[], ?::int8[], ?::text[]) as u(wallet_id, version, updated_at)
                     order by wallet_id, version desc) v
             where w.wallet_id = v.wallet_id and w.version < v.version
            """, "text", "int8", "text");

    /** The threshold moves on its own version, whatever entries of the same batch did to the wallet's version. */
    private static final BulkStatement THRESHOLDS = BulkStatement.of("""
            update wallet_view w set low_balance_threshold_minor = t.threshold_minor, threshold_version = t.version
              from (select distinct on (wallet_id) wallet_id, threshold_minor, version
                      from unnest(?::text[], ?::int8[], ?::int8[]) as u(wallet_id, threshold_minor, version)
                     order by wallet_id, version desc) t
             where w.wallet_id = t.wallet_id and w.threshold_version < t.version
            """, "text", "int8", "int8");

    private final JdbcTemplate jdbc;

    WalletProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(WalletCreatedEvent event, DomainEventMessage<?> message) {
        BatchedWrites.queue(jdbc, 0, WALLETS, event.walletId(), event.organizationId(), event.customerId(),
                event.currency(), message.getSequenceNumber() + 1, message.getTimestamp().toString());
    }

    @EventHandler
    void on(WalletCreditedEvent event, DomainEventMessage<?> message) {
        record(message, LedgerEntry.of(event).orElseThrow());
    }

    @EventHandler
    void on(WalletDebitedEvent event, DomainEventMessage<?> message) {
        record(message, LedgerEntry.of(event).orElseThrow());
    }

    @EventHandler
    void on(WalletTransferredOutEvent event, DomainEventMessage<?> message) {
        record(message, LedgerEntry.of(event).orElseThrow());
    }

    @EventHandler
    void on(WalletTransferredInEvent event, DomainEventMessage<?> message) {
        record(message, LedgerEntry.of(event).orElseThrow());
    }

    @EventHandler
    void on(WalletLowBalanceThresholdChangedEvent event, DomainEventMessage<?> message) {
        BatchedWrites.queue(jdbc, 3, THRESHOLDS, message.getAggregateIdentifier(), event.thresholdMinor(),
                message.getSequenceNumber() + 1);
        touch(message);
    }

    @EventHandler
    void on(WalletBalanceLowEvent event, DomainEventMessage<?> message) {
        touch(message);
    }

    /**
     * The erased customer's entries lose their description and metadata; ids, amounts, balances, reasons, references
     * and actors stay, so the ledger and the audit trail still add up.
     */
    @EventHandler
    void on(CustomerErasedEvent event, DomainEventMessage<?> message) {
        BatchedWrites.flush();
        jdbc.update("""
                update wallet_transaction set description = null, metadata = '{}'
                 where organization_id = ? and customer_id = ? and (description is not null or metadata <> '{}')
                """, message.getMetaData().get(MetadataKeys.ORGANIZATION_ID), event.customerId());
    }

    @Override
    public String processingGroup() {
        return PROCESSING_GROUP;
    }

    @Override
    public List<String> tables() {
        return List.of("wallet_view", "wallet_transaction");
    }

    private void record(DomainEventMessage<?> message, LedgerEntry entry) {
        long version = message.getSequenceNumber() + 1;
        String at = message.getTimestamp().toString();
        String walletId = message.getAggregateIdentifier();
        Map<String, ?> meta = message.getMetaData();
        BatchedWrites.queue(jdbc, 1, LEDGER_ENTRIES, entry.transactionId(), walletId, entry.type(),
                entry.amountMinor(), entry.reason(), entry.description(), entry.reference(), entry.invoiceId(),
                JSON.writeValueAsString(entry.metadata() == null ? Map.of() : entry.metadata()),
                entry.balanceAfterMinor(), version, meta.get(MetadataKeys.ACTOR_ID), meta.get(MetadataKeys.ACTOR_NAME),
                meta.get(MetadataKeys.IDEMPOTENCY_KEY), meta.get(MetadataKeys.REQUEST_ID), at, entry.transferId());
        BatchedWrites.queue(jdbc, 2, BALANCES, walletId, entry.balanceAfterMinor(), version, at);
    }

    /**
     * Moves the wallet's version and update time for an event that records no entry. After the balances (stage 2):
     * an entry of the same batch at an earlier version must still set its balance.
     */
    private void touch(DomainEventMessage<?> message) {
        BatchedWrites.queue(jdbc, 3, VERSIONS, message.getAggregateIdentifier(), message.getSequenceNumber() + 1,
                message.getTimestamp().toString());
    }
}
