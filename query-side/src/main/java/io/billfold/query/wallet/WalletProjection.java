package io.billfold.query.wallet;

import io.billfold.api.MetadataKeys;
import io.billfold.api.customer.CustomerErasedEvent;
import io.billfold.api.wallet.GrantAmount;
import io.billfold.api.wallet.LedgerEntry;
import io.billfold.api.wallet.Provenance;
import io.billfold.api.wallet.WalletBalanceLowEvent;
import io.billfold.api.wallet.WalletCreatedEvent;
import io.billfold.api.wallet.WalletCreditedEvent;
import io.billfold.api.wallet.WalletDebitedEvent;
import io.billfold.api.wallet.WalletGrantExpiredEvent;
import io.billfold.api.wallet.WalletHoldCapturedEvent;
import io.billfold.api.wallet.WalletHoldCreatedEvent;
import io.billfold.api.wallet.WalletHoldExpiredEvent;
import io.billfold.api.wallet.WalletHoldReleasedEvent;
import io.billfold.api.wallet.WalletLowBalanceThresholdChangedEvent;
import io.billfold.api.wallet.WalletTransferredInEvent;
import io.billfold.api.wallet.WalletTransferredOutEvent;
import io.billfold.projection.ReadModel;
import io.billfold.projection.write.BatchedWrites;
import io.billfold.projection.write.BulkStatement;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.util.List;

/**
 * Builds {@code wallet_view} and {@code wallet_transaction} (ledger and audit trail). Idempotent: a wallet row moves
 * only to a later version, and an entry is written once per transaction id. Every write waits for the end of the
 * processor's batch and runs as one statement for all of the batch's events ({@link BatchedWrites},
 * {@link BulkStatement}): wallets first, then ledger entries (which copy their wallet's organization, customer and
 * currency), then balances, each wallet moving once, to the latest of its versions in the batch, then the versions of
 * events that record no entry, and thresholds (each on its own version); then grants and holds as they are made
 * (stage 4) and as entries take from them and holds end (stage 5), each row only to a later version.
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
                sequence, actor_id, actor_name, idempotency_key, request_id, occurred_at, transfer_id, consumed_grants,
                grant_id, hold_id, expires_at)
            select e.transaction_id, e.wallet_id, w.organization_id, w.customer_id, e.type, e.amount_minor,
                   w.currency, e.reason, e.description, e.reference, e.invoice_id, e.metadata::jsonb,
                   e.balance_after_minor, e.sequence, e.actor_id, e.actor_name, e.idempotency_key, e.request_id,
                   e.occurred_at::timestamptz, e.transfer_id, e.consumed_grants::jsonb, e.grant_id, e.hold_id,
                   e.expires_at::timestamptz
              from unnest(?::text[], ?::text[], ?::text[], ?::int8[], ?::text[], ?::text[], ?::text[], ?::text[],
                          ?::text[], ?::int8[], ?::int8[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                          ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
                   as e(transaction_id, wallet_id, type, amount_minor, reason, description, reference, invoice_id,
                        metadata, balance_after_minor, sequence, actor_id, actor_name, idempotency_key, request_id,
                        occurred_at, transfer_id, consumed_grants, grant_id, hold_id, expires_at)
              left join wallet_view w on w.wallet_id = e.wallet_id
            on conflict (transaction_id) do nothing
            """, "text", "text", "text", "int8", "text", "text", "text", "text", "text", "int8", "int8", "text",
            "text", "text", "text", "text", "text", "text", "text", "text", "text");

    /** Grants and holds copy their wallet's organization, and fail like entries when the wallet is missing. */
    private static final BulkStatement GRANTS = BulkStatement.of("""
            insert into wallet_grant (grant_id, wallet_id, organization_id, currency, amount_minor, remaining_minor,
                expires_at, created_at, version)
            select g.grant_id, g.wallet_id, w.organization_id, g.currency, g.amount_minor, g.amount_minor,
                   g.expires_at::timestamptz, g.created_at::timestamptz, g.version
              from unnest(?::text[], ?::text[], ?::text[], ?::int8[], ?::text[], ?::text[], ?::int8[])
                   as g(grant_id, wallet_id, currency, amount_minor, expires_at, created_at, version)
              left join wallet_view w on w.wallet_id = g.wallet_id
            on conflict (grant_id) do nothing
            """, "text", "text", "text", "int8", "text", "text", "int8");

    /** What an entry took from a grant, and what of that expired; each grant moves only to a later version. */
    private static final String GRANT_TAKEN = """
            update wallet_grant set remaining_minor = remaining_minor - ?, expired_minor = expired_minor + ?,
                   version = ?
             where grant_id = ? and version < ?
            """;

    private static final String HOLD = """
            insert into wallet_hold (hold_id, wallet_id, organization_id, customer_id, currency, amount_minor, status,
                reference, description, expires_at, created_at, updated_at, version)
            select h.hold_id, h.wallet_id, w.organization_id, h.customer_id, h.currency, h.amount_minor, 'active',
                   h.reference, h.description, h.expires_at::timestamptz, h.at::timestamptz, h.at::timestamptz,
                   h.version
              from (values (?, ?, ?, ?, ?::int8, ?, ?, ?, ?, ?::int8))
                   as h(hold_id, wallet_id, customer_id, currency, amount_minor, reference, description, expires_at,
                        at, version)
              left join wallet_view w on w.wallet_id = h.wallet_id
            on conflict (hold_id) do nothing
            """;

    private static final String HOLD_ENDED = """
            update wallet_hold set status = ?, captured_minor = ?, capture_transaction_id = ?,
                   updated_at = ?::timestamptz, version = ?
             where hold_id = ? and version < ?
            """;

    private static final String HELD = """
            update wallet_view set held_minor = held_minor + ?, held_version = ?
             where wallet_id = ? and held_version < ?
            """;

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
        grant(message, event.transactionId(), event.currency(), event.amountMinor(), event.expiresAt());
    }

    @EventHandler
    void on(WalletDebitedEvent event, DomainEventMessage<?> message) {
        record(message, LedgerEntry.of(event).orElseThrow());
        taken(message, event.consumedGrants(), false);
    }

    @EventHandler
    void on(WalletTransferredOutEvent event, DomainEventMessage<?> message) {
        record(message, LedgerEntry.of(event).orElseThrow());
        taken(message, event.consumedGrants(), false);
    }

    @EventHandler
    void on(WalletTransferredInEvent event, DomainEventMessage<?> message) {
        record(message, LedgerEntry.of(event).orElseThrow());
        if (event.grants() == null) {
            grant(message, event.transactionId(), event.currency(), event.amountMinor(), null);
        } else {
            event.grants().forEach(grant -> grant(message, grant.grantId(), event.currency(), grant.amountMinor(),
                    grant.expiresAt()));
        }
    }

    @EventHandler
    void on(WalletGrantExpiredEvent event, DomainEventMessage<?> message) {
        record(message, LedgerEntry.of(event).orElseThrow());
        taken(message, List.of(new GrantAmount(event.grantId(), event.amountMinor())), true);
    }

    @EventHandler
    void on(WalletHoldCreatedEvent event, DomainEventMessage<?> message) {
        long version = message.getSequenceNumber() + 1;
        String at = message.getTimestamp().toString();
        BatchedWrites.queue(jdbc, 4, HOLD, event.holdId(), event.walletId(), event.customerId(), event.currency(),
                event.amountMinor(), event.reference(), event.description(), event.expiresAt().toString(), at,
                version);
        BatchedWrites.queue(jdbc, 5, HELD, event.amountMinor(), version, event.walletId(), version);
        touch(message);
    }

    @EventHandler
    void on(WalletHoldCapturedEvent event, DomainEventMessage<?> message) {
        holdEnded(message, event.holdId(), "captured", event.capturedMinor(), event.transactionId(),
                event.capturedMinor() + event.releasedMinor());
    }

    @EventHandler
    void on(WalletHoldReleasedEvent event, DomainEventMessage<?> message) {
        holdEnded(message, event.holdId(), "released", null, null, event.amountMinor());
    }

    @EventHandler
    void on(WalletHoldExpiredEvent event, DomainEventMessage<?> message) {
        holdEnded(message, event.holdId(), "expired", null, null, event.amountMinor());
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
        jdbc.update("""
                update wallet_hold set description = null
                 where organization_id = ? and customer_id = ? and description is not null
                """, message.getMetaData().get(MetadataKeys.ORGANIZATION_ID), event.customerId());
    }

    @Override
    public String processingGroup() {
        return PROCESSING_GROUP;
    }

    @Override
    public List<String> tables() {
        return List.of("wallet_view", "wallet_transaction", "wallet_grant", "wallet_hold");
    }

    private void record(DomainEventMessage<?> message, LedgerEntry entry) {
        long version = message.getSequenceNumber() + 1;
        String at = message.getTimestamp().toString();
        String walletId = message.getAggregateIdentifier();
        Provenance provenance = Provenance.of(message.getMetaData(), message.getTimestamp());
        BatchedWrites.queue(jdbc, 1, LEDGER_ENTRIES, entry.transactionId(), walletId, entry.type(),
                entry.amountMinor(), entry.reason(), entry.details().description(), entry.details().reference(),
                entry.invoiceId(), JSON.writeValueAsString(entry.metadata()), entry.balanceAfterMinor(), version,
                provenance.actor().id(), provenance.actor().name(), provenance.idempotencyKey(),
                provenance.requestId(), at, entry.transferId(),
                entry.consumedGrants() == null ? null : JSON.writeValueAsString(LedgerEntry.consumedGrants(
                        entry.consumedGrants(), entry.currency())), entry.grantId(), entry.holdId(),
                entry.expiresAt() == null ? null : entry.expiresAt().toString());
        BatchedWrites.queue(jdbc, 2, BALANCES, walletId, entry.balanceAfterMinor(), version, at);
    }

    /** A grant is made after the entries and balances of its batch (stage 4), and taken from after that (stage 5). */
    private void grant(DomainEventMessage<?> message, String grantId, String currency, long amountMinor,
                       Instant expiresAt) {
        BatchedWrites.queue(jdbc, 4, GRANTS, grantId, message.getAggregateIdentifier(), currency, amountMinor,
                expiresAt == null ? null : expiresAt.toString(), message.getTimestamp().toString(),
                message.getSequenceNumber() + 1);
    }

    /** Entries stored before grants recorded none of what they consumed: their grants' remainders are not kept. */
    private void taken(DomainEventMessage<?> message, List<GrantAmount> grants, boolean expired) {
        if (grants == null) {
            return;
        }
        long version = message.getSequenceNumber() + 1;
        grants.forEach(grant -> BatchedWrites.queue(jdbc, 5, GRANT_TAKEN, grant.amountMinor(),
                expired ? grant.amountMinor() : 0, version, grant.grantId(), version));
    }

    private void holdEnded(DomainEventMessage<?> message, String holdId, String status, Long capturedMinor,
                           String captureTransactionId, long heldMinor) {
        long version = message.getSequenceNumber() + 1;
        BatchedWrites.queue(jdbc, 5, HOLD_ENDED, status, capturedMinor, captureTransactionId,
                message.getTimestamp().toString(), version, holdId, version);
        BatchedWrites.queue(jdbc, 5, HELD, -heldMinor, version, message.getAggregateIdentifier(), version);
        touch(message);
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
