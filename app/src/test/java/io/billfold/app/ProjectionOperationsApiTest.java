package io.billfold.app;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Dead letters and zero-downtime replays, as the operator drives them over HTTP. */
class ProjectionOperationsApiTest extends ApiTestSupport {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ApplicationContext context;

    @AfterEach
    void fixTheBug() {
        PoisonedProjectionHandler.BROKEN.set(false);
    }

    @Test
    void aFailingEventIsParkedWithoutStallingOthersThenRetried() {
        PoisonedProjectionHandler.BROKEN.set(true);
        Client admin = newOrganization("dead letters");
        String poisoned = admin.post("/v1/customers", json(body("customer_name", "Healthy"))).text("id");
        admin.patch("/v1/customers/" + poisoned, json(body("customer_name", PoisonedProjectionHandler.ALWAYS_FAILS)));
        Response behind = admin.patch("/v1/customers/" + poisoned, json(body("customer_name", "Renamed later")));

        // Other customers' events go on being processed while the poisoned one waits in the queue.
        Response other = admin.post("/v1/customers", json(body("customer_name", "Unaffected")));
        Response read = pollUntil(() -> admin.getAfter(other, "/v1/customers/" + other.text("id")),
                response -> response.status() == 200, PATIENCE);
        assertThat(read.text("customer_name")).isEqualTo("Unaffected");
        pollUntil(() -> admin.getAfter(behind, "/v1/customers/" + poisoned), response -> response.status() == 200,
                PATIENCE);

        JsonNode letters = operator().get("/v1/admin/projections/customers/dead-letters").json().get("data");
        List<JsonNode> mine = lettersOf(letters, poisoned);
        assertThat(mine).hasSize(2);
        assertThat(mine.get(0).get("event_type").asString()).endsWith("CustomerRenamedEvent");
        assertThat(mine.get(0).get("cause").asString()).contains("Simulated bug");
        assertThat(mine.get(0).get("attempts").asInt()).isGreaterThanOrEqualTo(3);
        assertThat(mine.get(1).get("cause").asString()).contains("parked behind");
        assertThat(mine.get(0).get("global_index").asLong()).isLessThan(mine.get(1).get("global_index").asLong());
        // Neither the poisoned rename nor the one behind it reached the read model; nothing after them overtook it.
        assertThat(admin.get("/v1/customers/" + poisoned).text("customer_name")).isEqualTo("Healthy");
        assertThat(status("customers").get("dead_letters").asLong()).isGreaterThanOrEqualTo(2);

        Response stillBroken = operator().post("/v1/admin/projections/customers/dead-letters/retry", "");
        assertThat(stillBroken.status()).isEqualTo(200);
        assertThat(lettersOf(operator().get("/v1/admin/projections/customers/dead-letters").json().get("data"),
                poisoned)).hasSize(2).first().satisfies(letter ->
                assertThat(letter.get("attempts").asInt()).isGreaterThan(mine.get(0).get("attempts").asInt()));

        PoisonedProjectionHandler.BROKEN.set(false);
        Response retried = operator().post("/v1/admin/projections/customers/dead-letters/retry", "");
        assertThat(retried.status()).isEqualTo(200);
        assertThat(retried.json().get("handled").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(lettersOf(operator().get("/v1/admin/projections/customers/dead-letters").json().get("data"),
                poisoned)).isEmpty();
        assertThat(admin.get("/v1/customers/" + poisoned).text("customer_name")).isEqualTo("Renamed later");
        assertThat(admin.get("/v1/customers/" + poisoned + "/history").json().get("data")).hasSize(3);

        // With the aggregate's queue empty, its next event is handled at once again.
        Response next = admin.patch("/v1/customers/" + poisoned, json(body("customer_name", "Back to normal")));
        assertThat(admin.getAfter(next, "/v1/customers/" + poisoned).text("customer_name")).isEqualTo("Back to normal");
    }

    @Test
    void anOperatorCanDropAParkedEvent() {
        PoisonedProjectionHandler.BROKEN.set(true);
        Client admin = newOrganization("dropped letters");
        String customer = admin.post("/v1/customers", json(body("customer_name", "Before"))).text("id");
        Response poisoned = admin.patch("/v1/customers/" + customer,
                json(body("customer_name", PoisonedProjectionHandler.ALWAYS_FAILS + " and is dropped")));
        pollUntil(() -> admin.getAfter(poisoned, "/v1/customers/" + customer), response -> response.status() == 200,
                PATIENCE);
        List<JsonNode> letters = lettersOf(operator().get("/v1/admin/projections/customers/dead-letters")
                .json().get("data"), customer);
        assertThat(letters).hasSize(1);
        String path = "/v1/admin/projections/customers/dead-letters/" + letters.get(0).get("id").asLong();

        assertThat(admin.delete(path).status()).isEqualTo(403);
        assertThat(operator().delete(path).status()).isEqualTo(204);
        assertThat(operator().delete(path).json().get("code").asString()).isEqualTo("dead_letter_not_found");
        assertThat(lettersOf(operator().get("/v1/admin/projections/customers/dead-letters").json().get("data"),
                customer)).isEmpty();

        Response next = admin.patch("/v1/customers/" + customer, json(body("customer_name", "After")));
        assertThat(admin.getAfter(next, "/v1/customers/" + customer).text("customer_name")).isEqualTo("After");
    }

    @Test
    void aReplayRebuildsBesideTheLiveReadModelAndSwapsInWhenCaughtUp() {
        Client admin = newOrganization("replays");
        List<String> customers = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            customers.add(admin.post("/v1/customers", json(body("customer_name", "Replayed " + i,
                    "email", "replayed" + i + "@example.com", "custom_data", Map.of("n", i)))).text("id"));
        }
        admin.post("/v1/customers/" + customers.get(0) + "/contacts", json(body("email", "contact@example.com",
                "communications", List.of("invoices"))));
        String wallet = admin.post("/v1/customers/" + customers.get(0) + "/wallets",
                json(body("currency", "USD"))).text("id");
        Response last = null;
        for (int i = 0; i < 10; i++) {
            last = admin.post("/v1/wallets/" + wallet + "/credits", json(body("amount", "1.25", "reason", "goodwill")));
        }
        admin.getAfter(last, "/v1/wallets/" + wallet);
        String listing = admin.get("/v1/customers?limit=100").raw().body();
        String ledger = admin.get("/v1/wallets/" + wallet + "/transactions?limit=100").raw().body();
        String recipients = admin.get("/v1/customers/" + customers.get(0) + "/recipients?communication=invoices")
                .raw().body();
        List<String> indexesBefore = indexes();

        assertThat(admin.post("/v1/admin/projections/customers/replay", "").status()).isEqualTo(403);
        assertThat(operator().post("/v1/admin/projections/nothing/replay", "").json().get("code").asString())
                .isEqualTo("projection_not_found");
        Response started = operator().post("/v1/admin/projections/customers/replay", "");
        assertThat(started.status()).isEqualTo(202);
        assertThat(started.json().get("replaying").asBoolean()).isTrue();
        Response twice = operator().post("/v1/admin/projections/customers/replay", "");
        assertThat(twice.status()).isEqualTo(409);
        assertThat(twice.json().get("code").asString()).isEqualTo("replay_in_progress");
        assertThat(operator().post("/v1/admin/projections/wallets/replay", "").status()).isEqualTo(202);

        // The process stops in the middle of the replays and starts again: they resume from their stored tokens.
        SmartLifecycle replays = context.getBean("projectionReplays", SmartLifecycle.class);
        replays.stop();
        assertThat(status("customers").get("replaying").asBoolean()).isTrue();
        assertThat(admin.get("/v1/customers?limit=100").raw().body()).isEqualTo(listing);
        replays.start();

        // Queries keep answering from the complete live read model until the swap, and after it.
        pollUntil(() -> {
            assertThat(admin.get("/v1/customers?limit=100").raw().body()).isEqualTo(listing);
            return status("customers").get("replaying").asBoolean() || status("wallets").get("replaying").asBoolean();
        }, replaying -> !replaying, PATIENCE);

        assertThat(admin.get("/v1/customers?limit=100").raw().body()).isEqualTo(listing);
        assertThat(admin.get("/v1/wallets/" + wallet + "/transactions?limit=100").raw().body()).isEqualTo(ledger);
        assertThat(admin.get("/v1/customers/" + customers.get(0) + "/recipients?communication=invoices").raw().body())
                .isEqualTo(recipients);
        assertThat(indexes()).isEqualTo(indexesBefore);
        // The tables swapped in were analysed once built: their queries are not planned blind until autovacuum comes.
        assertThat(jdbc.queryForList("""
                select relname from pg_stat_user_tables
                 where relname in ('customer_view', 'customer_history', 'customer_contact', 'customer_recipient',
                                   'wallet_view', 'wallet_transaction') and last_analyze is null
                """, String.class)).isEmpty();
        assertThat(jdbc.queryForObject("select count(*) from information_schema.schemata where schema_name like 'replay%'",
                Integer.class)).isZero();
        assertThat(jdbc.queryForObject("select count(*) from token_entry where processor_name like '%.replay'",
                Integer.class)).isZero();

        // The rebuilt read models are live: new events reach them.
        Response renamed = admin.patch("/v1/customers/" + customers.get(1), json(body("customer_name", "After swap")));
        assertThat(pollUntil(() -> admin.getAfter(renamed, "/v1/customers/" + customers.get(1)),
                response -> response.status() == 200, PATIENCE).text("customer_name")).isEqualTo("After swap");
        Response credited = admin.post("/v1/wallets/" + wallet + "/credits",
                json(body("amount", "2.00", "reason", "goodwill")));
        assertThat(pollUntil(() -> admin.getAfter(credited, "/v1/wallets/" + wallet),
                response -> response.status() == 200, PATIENCE).text("balance")).isEqualTo("14.50");
    }

    private List<String> indexes() {
        return jdbc.queryForList("""
                select schemaname || '.' || tablename || ':' || indexname from pg_indexes
                 where tablename in ('customer_view', 'customer_history', 'customer_contact', 'customer_recipient',
                                     'wallet_view', 'wallet_transaction')
                 order by 1
                """, String.class);
    }

    private JsonNode status(String name) {
        for (JsonNode projection : operator().get("/v1/admin/projections").json().get("data")) {
            if (projection.get("name").asString().equals(name)) {
                return projection;
            }
        }
        throw new AssertionError("No projection " + name);
    }

    private static List<JsonNode> lettersOf(JsonNode letters, String customerId) {
        List<JsonNode> mine = new ArrayList<>();
        letters.forEach(letter -> {
            if (letter.get("sequence_id").asString().equals(customerId)) {
                mine.add(letter);
            }
        });
        return mine;
    }
}
