package io.billfold.query.wallet;

import io.billfold.api.Actor;
import io.billfold.api.ListPage;
import io.billfold.api.PageRequest;
import io.billfold.api.wallet.Amounts;
import io.billfold.api.wallet.BalanceResponse;
import io.billfold.api.wallet.ConsumedGrant;
import io.billfold.api.wallet.FindHoldQuery;
import io.billfold.api.wallet.FindWalletGrantsQuery;
import io.billfold.api.wallet.FindWalletHoldsQuery;
import io.billfold.api.wallet.GrantPage;
import io.billfold.api.wallet.GrantResponse;
import io.billfold.api.wallet.HoldPage;
import io.billfold.api.wallet.HoldResponse;
import io.billfold.api.wallet.Provenance;
import io.billfold.api.wallet.FindCustomerWalletsQuery;
import io.billfold.api.wallet.FindWalletBalanceQuery;
import io.billfold.api.wallet.FindWalletQuery;
import io.billfold.api.wallet.FindWalletTransactionsQuery;
import io.billfold.api.wallet.TransactionFilter;
import io.billfold.api.wallet.TransactionPage;
import io.billfold.api.wallet.TransactionResponse;
import io.billfold.api.wallet.WalletPage;
import io.billfold.api.wallet.WalletResponse;
import io.billfold.query.SqlFilter;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.sql.Timestamp;
import java.util.List;
import java.util.Map;

/** Answers wallet queries from {@code wallet_view} and {@code wallet_transaction}, always within one organization. */
@Component
class WalletQueries {

    static final String TRANSACTION_COLUMNS = """
            transaction_id, wallet_id, customer_id, type, amount_minor, currency, reason, description, reference,
            invoice_id, metadata::text as metadata, balance_after_minor, sequence, actor_id, actor_name,
            idempotency_key, request_id, occurred_at, transfer_id, consumed_grants::text as consumed_grants, grant_id,
            hold_id, expires_at
            """;
    private static final TypeReference<List<ConsumedGrant>> CONSUMED_GRANTS = new TypeReference<>() {
    };
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {
    };

    private static final RowMapper<WalletResponse> WALLET = (rs, row) -> new WalletResponse(rs.getString("wallet_id"),
            rs.getString("customer_id"), rs.getString("currency"),
            Amounts.format(rs.getLong("balance_minor"), rs.getString("currency")), rs.getLong("version"),
            rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant(),
            rs.getObject("low_balance_threshold_minor") == null ? null
                    : Amounts.format(rs.getLong("low_balance_threshold_minor"), rs.getString("currency")),
            Amounts.format(rs.getLong("held_minor"), rs.getString("currency")),
            Amounts.format(rs.getLong("balance_minor") - rs.getLong("held_minor"), rs.getString("currency")));

    static final RowMapper<TransactionResponse> TRANSACTION = (rs, row) -> new TransactionResponse(
            rs.getString("transaction_id"), rs.getString("wallet_id"), rs.getString("customer_id"),
            rs.getString("type"), Amounts.format(rs.getLong("amount_minor"), rs.getString("currency")),
            rs.getString("currency"), rs.getString("reason"), rs.getString("description"), rs.getString("reference"),
            rs.getString("invoice_id"), JSON.readValue(rs.getString("metadata"), STRING_MAP),
            Amounts.format(rs.getLong("balance_after_minor"), rs.getString("currency")), rs.getLong("sequence"),
            new Provenance(new Actor(rs.getString("actor_id"), rs.getString("actor_name")),
                    rs.getString("idempotency_key"), rs.getString("request_id"),
                    rs.getTimestamp("occurred_at").toInstant()), rs.getString("transfer_id"),
            rs.getString("consumed_grants") == null ? List.of()
                    : JSON.readValue(rs.getString("consumed_grants"), CONSUMED_GRANTS),
            rs.getString("grant_id"), rs.getString("hold_id"),
            rs.getTimestamp("expires_at") == null ? null : rs.getTimestamp("expires_at").toInstant());

    private static final RowMapper<GrantResponse> GRANT = (rs, row) -> new GrantResponse(rs.getString("grant_id"),
            rs.getString("wallet_id"), Amounts.format(rs.getLong("amount_minor"), rs.getString("currency")),
            Amounts.format(rs.getLong("remaining_minor"), rs.getString("currency")), rs.getString("currency"),
            rs.getTimestamp("expires_at") == null ? null : rs.getTimestamp("expires_at").toInstant(),
            rs.getString("status"), rs.getTimestamp("created_at").toInstant());

    private static final RowMapper<HoldResponse> HOLD = (rs, row) -> new HoldResponse(rs.getString("hold_id"),
            rs.getString("wallet_id"), rs.getString("customer_id"),
            Amounts.format(rs.getLong("amount_minor"), rs.getString("currency")), rs.getString("currency"),
            rs.getString("status"), rs.getString("reference"), rs.getString("description"),
            rs.getObject("captured_minor") == null ? null
                    : Amounts.format(rs.getLong("captured_minor"), rs.getString("currency")),
            rs.getString("capture_transaction_id"), rs.getTimestamp("expires_at").toInstant(),
            rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());

    private final NamedParameterJdbcTemplate jdbc;

    WalletQueries(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @QueryHandler
    WalletResponse wallet(FindWalletQuery query) {
        return one("wallet_view", "wallet_id", query.organizationId(), query.walletId(), WALLET);
    }

    @QueryHandler
    WalletPage customerWallets(FindCustomerWalletsQuery query) {
        return new WalletPage(jdbc.query("""
                select * from wallet_view where organization_id = :org and customer_id = :customer order by currency
                """, Map.of("org", query.organizationId(), "customer", query.customerId()), WALLET), false, null);
    }

    /** A wallet's ledger (newest entry first), or with no wallet the organization's audit trail (newest first). */
    @QueryHandler
    TransactionPage transactions(FindWalletTransactionsQuery query) {
        boolean ledger = query.filter().walletId() != null;
        SqlFilter where = filter(query.organizationId(), query.filter())
                .when(ledger ? "sequence < (select sequence from wallet_transaction where transaction_id = :cursor)"
                        : "(occurred_at, transaction_id) < (select occurred_at, transaction_id from wallet_transaction"
                        + " where transaction_id = :cursor)", "cursor", query.page().startingAfter())
                .parameter("limit", query.page().limit() + 1);
        List<TransactionResponse> rows = where.query(jdbc, "select " + TRANSACTION_COLUMNS
                + " from wallet_transaction where " + where.where()
                + (ledger ? " order by sequence desc" : " order by occurred_at desc, transaction_id desc")
                + " limit :limit", TRANSACTION);
        return ListPage.of(rows, query.page().limit(), TransactionResponse::id, TransactionPage::new);
    }

    /** Streams every entry of the audit trail that matches, newest first, without holding them in memory. */
    void streamAudit(String organizationId, TransactionFilter filter, RowCallbackHandler rows) {
        SqlFilter where = filter(organizationId, filter);
        jdbc.query("select " + TRANSACTION_COLUMNS + " from wallet_transaction where " + where.where()
                + " order by occurred_at desc, transaction_id desc", where.parameters(), rows);
    }

    /** A wallet's grants, oldest first (grant ids are time-ordered). */
    @QueryHandler
    GrantPage grants(FindWalletGrantsQuery query) {
        List<GrantResponse> rows = walletPage("wallet_grant", "grant_id", false, query.organizationId(),
                query.walletId(), query.status(), query.page(), GRANT);
        return ListPage.of(rows, query.page().limit(), GrantResponse::id, GrantPage::new);
    }

    /** A wallet's holds, newest first. */
    @QueryHandler
    HoldPage holds(FindWalletHoldsQuery query) {
        List<HoldResponse> rows = walletPage("wallet_hold", "hold_id", true, query.organizationId(),
                query.walletId(), query.status(), query.page(), HOLD);
        return ListPage.of(rows, query.page().limit(), HoldResponse::id, HoldPage::new);
    }

    @QueryHandler
    HoldResponse hold(FindHoldQuery query) {
        return one("wallet_hold", "hold_id", query.organizationId(), query.holdId(), HOLD);
    }

    @QueryHandler
    BalanceResponse balanceAt(FindWalletBalanceQuery query) {
        WalletResponse wallet = wallet(new FindWalletQuery(query.organizationId(), query.walletId()));
        if (wallet == null) {
            return null;
        }
        return jdbc.query("""
                        select balance_after_minor, sequence from wallet_transaction
                         where wallet_id = :id and occurred_at <= :at
                         order by occurred_at desc, sequence desc limit 1
                        """, Map.of("id", query.walletId(), "at", Timestamp.from(query.at())),
                (rs, row) -> new BalanceResponse(wallet.id(), wallet.currency(),
                        Amounts.format(rs.getLong("balance_after_minor"), wallet.currency()), query.at(),
                        rs.getLong("sequence"))).stream().findFirst()
                .orElse(new BalanceResponse(wallet.id(), wallet.currency(), Amounts.format(0, wallet.currency()),
                        query.at(), 0));
    }

    /** The row of {@code table} with an id, within the organization; null when there is none. */
    private <T> T one(String table, String idColumn, String organizationId, String id, RowMapper<T> rows) {
        return jdbc.query("select * from " + table + " where organization_id = :org and " + idColumn + " = :id",
                Map.of("org", organizationId, "id", id), rows).stream().findFirst().orElse(null);
    }

    /**
     * A page of one wallet's rows of {@code table} (its grants or holds) of a status (null: any), in the order of
     * their time-ordered {@code id} (newest first, or oldest), after the cursor; one row more than the page tells
     * whether there is another.
     */
    private <T> List<T> walletPage(String table, String id, boolean newestFirst, String organizationId,
                                   String walletId, String status, PageRequest page, RowMapper<T> rows) {
        SqlFilter where = new SqlFilter()
                .require("organization_id = :org", "org", organizationId)
                .require("wallet_id = :wallet", "wallet", walletId)
                .when("status = :status", "status", status)
                .when(id + (newestFirst ? " < " : " > ") + ":cursor", "cursor", page.startingAfter())
                .parameter("limit", page.limit() + 1);
        return where.query(jdbc, "select * from " + table + " where " + where.where() + " order by " + id
                + (newestFirst ? " desc" : "") + " limit :limit", rows);
    }

    private static SqlFilter filter(String organizationId, TransactionFilter filter) {
        return new SqlFilter()
                .require("organization_id = :org", "org", organizationId)
                .when("wallet_id = :wallet", "wallet", filter.walletId())
                .when("customer_id = :customer", "customer", filter.customerId())
                .when("actor_id = :actor", "actor", filter.actorId())
                .when("type = :type", "type", filter.type())
                .when("reason = :reason", "reason", filter.reason())
                .when("occurred_at >= :from", "from", filter.from() == null ? null : Timestamp.from(filter.from()))
                .when("occurred_at < :to", "to", filter.to() == null ? null : Timestamp.from(filter.to()));
    }
}
