package io.billfold.app;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A replay of the events projection rebuilds the feed byte for byte (ids, positions, objects) from the event store,
 * and neither creates nor sends any delivery again.
 */
class EventReplayApiTest extends ApiTestSupport {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Autowired
    JdbcTemplate jdbc;

    private final WebhookReceiver receiver = new WebhookReceiver();

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    @Test
    void aReplayOfTheFeedGivesTheSameEventsByteForByteAndDeliversNothingAgain() {
        Client admin = newOrganization("feed-replay");
        assertThat(admin.post("/v1/webhook-endpoints", json(body("url", receiver.url(), "event_types", List.of("*"))))
                .status()).isEqualTo(201);
        String customer = admin.post("/v1/customers", json(body("customer_name", "Replayed", "email",
                "r@replay.example"))).text("id");
        admin.patch("/v1/customers/" + customer, json(body("customer_name", "Replayed again", "phone_number",
                "+14155550123")));
        admin.post("/v1/customers/" + customer + "/contacts", json(body("email", "k@replay.example")));
        String wallet = admin.post("/v1/customers/" + customer + "/wallets", json(body("currency", "EUR"))).text("id");
        admin.patch("/v1/wallets/" + wallet, json(body("low_balance_threshold", "3")));
        admin.post("/v1/wallets/" + wallet + "/credits", json(body("amount", "5", "reason", "goodwill")));
        admin.post("/v1/wallets/" + wallet + "/debits", json(body("amount", "4", "reason", "manual_deduction")));
        List<JsonNode> events = EventFeedApiTest.allEvents(admin, 8);
        pollUntil(receiver::received, list -> list.size() == 8, PATIENCE);
        String before = admin.get("/v1/events?limit=100").raw().body();
        int deliveries = jdbc.queryForObject("select count(*) from webhook_delivery", Integer.class);

        assertThat(operator().post("/v1/admin/projections/events/replay", "").status()).isEqualTo(202);
        pollUntil(() -> replaying("events"), replaying -> !replaying, PATIENCE);

        assertThat(admin.get("/v1/events?limit=100").raw().body()).isEqualTo(before);
        assertThat(admin.get("/v1/events/" + events.get(1).get("id").asString()).json()).isEqualTo(events.get(1));
        assertThat(jdbc.queryForObject("select count(*) from webhook_delivery", Integer.class)).isEqualTo(deliveries);
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        assertThat(receiver.received()).hasSize(8);

        admin.post("/v1/customers", json(body("customer_name", "After the replay")));
        pollUntil(receiver::received, list -> list.size() == 9, PATIENCE);
        assertThat(EventFeedApiTest.allEvents(admin, 9)).hasSize(9);
    }

    private boolean replaying(String name) {
        for (JsonNode projection : operator().get("/v1/admin/projections").json().get("data")) {
            if (projection.get("name").asString().equals(name)) {
                return projection.get("replaying").asBoolean();
            }
        }
        throw new AssertionError("No projection " + name);
    }
}
