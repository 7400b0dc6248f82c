package io.billfold.query.wallet;

import io.billfold.api.MetadataKeys;
import io.billfold.api.wallet.WalletCreatedEvent;
import io.billfold.api.wallet.WalletCreditedEvent;
import io.billfold.api.wallet.WalletDebitedEvent;
import io.billfold.api.wallet.WalletTransferredInEvent;
import io.billfold.api.wallet.WalletTransferredOutEvent;
import io.billfold.query.projection.BatchedWrites;
import io.billfold.query.projection.ReadModel;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.sql.Timestamp;
import java.util.List;
import java.util.Map;

/**
 * Builds {@code wallet_view} and {@code wallet_transaction} (ledger and audit trail). Idempotent: a wallet row moves
 * only to a later version, and an entry is written once per transaction id. Every write waits for the end of the
 * processor's batch ({@link BatchedWrites}): wallets first, then ledger entries (which copy their wallet's
 * organization, customer and currency), then balances.
 */
@Component
@ProcessingGroup(WalletProjection.PROCESSING_GROUP)
class WalletProjection implements ReadModel {

    static final String PROCESSING_GROUP = "wallets";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcTemplate jdbc;

    WalletProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** One ledger entry as the events describe it. */
    private record Entry(String transactionId, String type, long amountMinor, String reason, String invoiceId,
                         String description, String reference, Map<String, String> metadata, long balanceAfterMinor,
                         String transferId) {
    }

    @EventHandler
    void on(WalletCreatedEvent event, DomainEventMessage<?> message) {
        Timestamp at = Timestamp.from(message.getTimestamp());
        BatchedWrites.queue(jdbc, 0, """
                insert into wallet_view (wallet_id, organization_id, customer_id, currency, balance_minor, version,
                    created_at, updated_at)
                values (?, ?, ?, ?, 0, ?, ?, ?) on conflict (wallet_id) do nothing
                """, event.walletId(), event.organizationId(), event.customerId(), event.currency(),
                message.getSequenceNumber() + 1, at, at);
    }

    @EventHandler
    void on(WalletCreditedEvent event, DomainEventMessage<?> message) {
        record(message, new Entry(event.transactionId(), "credit", event.amountMinor(), event.reason(), null,
                event.description(), event.reference(), event.metadata(), event.balanceAfterMinor(), null));
    }

    @EventHandler
    void on(WalletDebitedEvent event, DomainEventMessage<?> message) {
        record(message, new Entry(event.transactionId(), "debit", event.amountMinor(), event.reason(),
                event.invoiceId(), event.description(), event.reference(), event.metadata(),
                event.balanceAfterMinor(), null));
    }

    @EventHandler
    void on(WalletTransferredOutEvent event, DomainEventMessage<?> message) {
        record(message, new Entry(event.transactionId(), "debit", event.amountMinor(), "transfer", null,
                event.description(), event.reference(), event.metadata(), event.balanceAfterMinor(),
                event.transferId()));
    }

    @EventHandler
    void on(WalletTransferredInEvent event, DomainEventMessage<?> message) {
        record(message, new Entry(event.transactionId(), "credit", event.amountMinor(), "transfer", null,
                event.description(), event.reference(), event.metadata(), event.balanceAfterMinor(),
                event.transferId()));
    }

    @Override
    public String processingGroup() {
        return PROCESSING_GROUP;
    }

    @Override
    public List<String> tables() {
        return List.of("wallet_view", "wallet_transaction");
    }

    private void record(DomainEventMessage<?> message, Entry entry) {
        long version = message.getSequenceNumber() + 1;
        Timestamp at = Timestamp.from(message.getTimestamp());
        String walletId = message.getAggregateIdentifier();
        BatchedWrites.queue(jdbc, 2,
                "update wallet_view set balance_minor = ?, version = ?, updated_at = ? where wallet_id = ? and version < ?",
                entry.balanceAfterMinor(), version, at, walletId, version);
        Map<String, ?> meta = message.getMetaData();
        BatchedWrites.queue(jdbc, 1, """
                        insert into wallet_transaction (transaction_id, wallet_id, organization_id, customer_id, type,
                            amount_minor, currency, reason, description, reference, invoice_id, metadata,
                            balance_after_minor, sequence, actor_id, actor_name, idempotency_key, request_id,
                            occurred_at, transfer_id)
                        select ?, wallet_id, organization_id, customer_id, ?, ?, currency, ?, ?, ?, ?, ?::jsonb, ?, ?,
                               ?, ?, ?, ?, ?, ?
                          from wallet_view where wallet_id = ?
                        on conflict (transaction_id) do nothing
                        """, entry.transactionId(), entry.type(), entry.amountMinor(), entry.reason(),
                entry.description(), entry.reference(), entry.invoiceId(),
                JSON.writeValueAsString(entry.metadata() == null ? Map.of() : entry.metadata()),
                entry.balanceAfterMinor(), version, meta.get(MetadataKeys.ACTOR_ID), meta.get(MetadataKeys.ACTOR_NAME),
                meta.get(MetadataKeys.IDEMPOTENCY_KEY), meta.get(MetadataKeys.REQUEST_ID), at, entry.transferId(),
                walletId);
    }
}
