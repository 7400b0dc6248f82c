package io.billfold.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.axonframework.eventhandling.GenericEventMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Grants that expire and holds, over HTTP. The expiry deadlines run on db-scheduler with the test's clock, and so do
 * the events' timestamps here: the test moves time forward by seconds instead of waiting for it.
 */
class GrantsAndHoldsApiTest extends ApiTestSupport {

    @Autowired
    TestClock clock;

    @Autowired
    JdbcTemplate jdbc;

    @BeforeEach
    void eventsOnTheTestsClock() {
        GenericEventMessage.clock = clock;
    }

    @AfterEach
    void eventsOnTheSystemsClock() {
        GenericEventMessage.clock = Clock.systemUTC();
    }

    @Test
    void anExpiryIsRecordedOnceInTheLedgerAndTheAuditTrailAndReservedCreditExpiresWhenReleased() {
        Client admin = newOrganization("grants");
        String customer = admin.post("/v1/customers", json(body("customer_name", "Grant Ltd"))).text("id");
        String wallet = admin.post("/v1/customers/" + customer + "/wallets", json(body("currency", "USD"))).text("id");
        Instant expiresAt = clock.instant().plusSeconds(60).truncatedTo(ChronoUnit.MILLIS);
        Response grant = admin.post("/v1/wallets/" + wallet + "/credits", json(body("amount", "10.00",
                "reason", "promotional", "expires_at", expiresAt.toString())));
        assertThat(grant.status()).isEqualTo(201);
        assertThat(grant.text("expires_at")).isEqualTo(expiresAt.toString());
        admin.post("/v1/wallets/" + wallet + "/credits", json(body("amount", "5.00", "reason", "prepayment")));
        Response debit = admin.post("/v1/wallets/" + wallet + "/debits", json(body("amount", "4.00",
                "reason", "manual_deduction")));
        assertThat(debit.json().get("consumed_grants").get(0).get("grant_id").asString()).isEqualTo(grant.text("id"));
        Response hold = admin.post("/v1/wallets/" + wallet + "/holds", json(body("amount", "2.00",
                "reference", "ride-1")));
        assertThat(hold.status()).isEqualTo(201);
        assertThat(hold.text("status")).isEqualTo("active");
        JsonNode held = admin.getAfter(hold, "/v1/wallets/" + wallet).json();
        assertThat(held.get("held").asString()).isEqualTo("2.00");
        assertThat(held.get("available").asString()).isEqualTo("9.00");
        Response refused = admin.post("/v1/wallets/" + wallet + "/debits", json(body("amount", "9.01",
                "reason", "manual_deduction")));
        assertThat(refused.code()).isEqualTo("insufficient_funds");

        clock.advance(Duration.ofSeconds(65));
        List<JsonNode> expiries = pollUntil(() -> expiries(admin, wallet), found -> !found.isEmpty(),
                Duration.ofSeconds(15));
        assertThat(expiries).hasSize(1);
        assertThat(expiries.get(0).get("amount").asString()).isEqualTo("4.00");
        assertThat(expiries.get(0).get("reason").asString()).isEqualTo("expired");
        assertThat(expiries.get(0).get("grant_id").asString()).isEqualTo(grant.text("id"));
        Response wallet1 = admin.get("/v1/wallets/" + wallet);
        assertThat(wallet1.text("balance")).isEqualTo("7.00");
        assertThat(wallet1.text("available")).isEqualTo("5.00");
        Instant before = expiresAt.minusMillis(1);
        assertThat(admin.get("/v1/wallets/" + wallet + "/balance?at=" + before).text("balance")).isEqualTo("11.00");

        Response released = admin.post("/v1/holds/" + hold.text("id") + "/release", "{}");
        assertThat(released.status()).isEqualTo(200);
        assertThat(released.text("status")).isEqualTo("released");
        assertThat(admin.post("/v1/holds/" + hold.text("id") + "/capture", "{}").code()).isEqualTo("hold_not_active");
        JsonNode after = admin.getAfter(released, "/v1/wallets/" + wallet).json();
        assertThat(after.get("balance").asString()).isEqualTo("5.00");
        assertThat(after.get("held").asString()).isEqualTo("0.00");
        assertThat(expiries(admin, wallet)).extracting(entry -> entry.get("amount").asString())
                .containsExactly("2.00", "4.00");
        Response audit = admin.get("/v1/audit/wallet-adjustments?wallet_id=" + wallet + "&reason=expired");
        assertThat(ids(audit)).hasSize(2);
        JsonNode grants = admin.get("/v1/wallets/" + wallet + "/grants?status=expired").json().get("data");
        assertThat(grants).hasSize(1);
        assertThat(grants.get(0).get("remaining").asString()).isEqualTo("0.00");
        assertThat(admin.get("/v1/holds/" + hold.text("id")).text("status")).isEqualTo("released");
        List<String> types = pollUntil(() -> eventTypes(admin), found -> found.contains("wallet.hold.released")
                        && found.indexOf("wallet.hold.released") < found.lastIndexOf("wallet.transaction.created"),
                Duration.ofSeconds(15));
        assertThat(types).containsSubsequence("wallet.hold.created", "wallet.transaction.created",
                "wallet.hold.released", "wallet.transaction.created");
        assertThat(types).filteredOn("wallet.hold.created"::equals).hasSize(1);

        clock.advance(Duration.ofSeconds(3));
        try {
            Thread.sleep(2_500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        assertThat(expiries(admin, wallet)).hasSize(2);
    }

    @Test
    void aDeadlineScheduledByARolledBackCommandDoesNotFire() {
        Client admin = newOrganization("grants-rollback");
        String customer = admin.post("/v1/customers", json(body("customer_name", "Rollback Ltd"))).text("id");
        String wallet = admin.post("/v1/customers/" + customer + "/wallets", json(body("currency", "USD"))).text("id");
        long tasks = jdbc.queryForObject("select count(*) from scheduled_tasks", Long.class);
        Response refused = admin.post("/v1/wallets/" + wallet + "/credits", json(body("amount", "10.00",
                "reason", "promotional", "expires_at", clock.instant().plusSeconds(2).toString(), "bogus", "x")));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(jdbc.queryForObject("select count(*) from scheduled_tasks", Long.class)).isEqualTo(tasks);
        Response hold = admin.post("/v1/wallets/" + wallet + "/holds", json(body("amount", "1.00")));
        assertThat(hold.code()).isEqualTo("insufficient_funds");
        assertThat(jdbc.queryForObject("select count(*) from scheduled_tasks", Long.class)).isEqualTo(tasks);
        assertThat(admin.post("/v1/holds/hold_missing/release", "{}").status()).isEqualTo(404);
    }

    private static List<String> eventTypes(Client admin) {
        List<String> types = new ArrayList<>();
        admin.get("/v1/events?limit=100").json().get("data").forEach(event -> types.add(event.get("type").asString()));
        return types;
    }

    private static List<JsonNode> expiries(Client admin, String wallet) {
        List<JsonNode> found = new ArrayList<>();
        admin.get("/v1/wallets/" + wallet + "/transactions?type=expiry").json().get("data").forEach(found::add);
        return found;
    }
}
