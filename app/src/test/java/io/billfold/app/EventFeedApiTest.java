package io.billfold.app;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import javax.sql.DataSource;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The public event feed end to end: what each change publishes, order, isolation, long polling, commit order. */
class EventFeedApiTest extends ApiTestSupport {

    private static final Duration SETTLE = Duration.ofSeconds(20);

    @Autowired
    DataSource dataSource;

    @Test
    void everyChangePublishesOneEventWithTheResourceAsGetShowsItRightAfterTheChange() {
        Client admin = newOrganization("feed-changes");
        Response created = admin.post("/v1/customers", json(body("customer_name", "Feed Co", "email", "a@feed.example",
                "custom_data", body("tier", "gold", "score", new java.math.BigDecimal("1.50")))));
        String customer = created.text("id");
        Response patched = admin.patch("/v1/customers/" + customer,
                json(body("customer_name", "Feed Company", "email", "b@feed.example")));
        assertThat(patched.status()).isEqualTo(200);
        Response contact = admin.post("/v1/customers/" + customer + "/contacts",
                json(body("email", "c@feed.example", "first_name", "Ann")));
        String contactId = contact.text("id");
        admin.patch("/v1/customers/" + customer + "/contacts/" + contactId, json(body("first_name", "Anna")));
        admin.delete("/v1/customers/" + customer + "/contacts/" + contactId);
        String wallet = admin.post("/v1/customers/" + customer + "/wallets", json(body("currency", "USD")))
                .text("id");
        admin.patch("/v1/wallets/" + wallet, json(body("low_balance_threshold", "10.00")));
        admin.post("/v1/wallets/" + wallet + "/credits", json(body("amount", "25.00", "reason", "prepayment")));
        Response debit = admin.post("/v1/wallets/" + wallet + "/debits",
                json(body("amount", "20.00", "reason", "manual_deduction")));
        assertThat(debit.status()).isEqualTo(201);

        List<JsonNode> events = allEvents(admin, 10);
        assertThat(events).extracting(event -> event.get("type").asString()).containsExactly(
                "customer.created", "customer.updated", "contact.created", "contact.updated", "contact.deleted",
                "wallet.created", "wallet.updated", "wallet.transaction.created", "wallet.transaction.created",
                "wallet.balance_low");
        assertThat(events).allSatisfy(event -> {
            assertThat(event.get("id").asString()).startsWith("evt_");
            assertThat(event.get("actor").get("id").asString()).startsWith("key_");
            assertThat(event.get("request_id").asString()).isNotBlank();
        });
        List<Long> positions = events.stream().map(event -> event.get("position").asLong()).toList();
        assertThat(positions).isSorted().doesNotHaveDuplicates();

        JsonNode update = events.get(1).get("data");
        assertThat(update.get("previous_attributes").get("customer_name").asString()).isEqualTo("Feed Co");
        assertThat(update.get("previous_attributes").get("email").asString()).isEqualTo("a@feed.example");
        assertThat(update.get("previous_attributes").size()).isEqualTo(2);
        assertThat(update.get("object")).isEqualTo(patched.json());
        assertThat(events.get(0).get("data").get("object")).isEqualTo(created.json());
        assertThat(events.get(0).get("data").has("previous_attributes")).isFalse();
        assertThat(events.get(3).get("data").get("object").get("first_name").asString()).isEqualTo("Anna");
        assertThat(events.get(3).get("data").get("previous_attributes").get("first_name").asString()).isEqualTo("Ann");
        assertThat(events.get(4).get("data").get("object").get("id").asString()).isEqualTo(contactId);
        assertThat(events.get(6).get("data").get("previous_attributes").get("low_balance_threshold").isNull()).isTrue();
        assertThat(events.get(8).get("data").get("object")).isEqualTo(debit.json());
        JsonNode low = events.get(9).get("data").get("object");
        Response walletNow = admin.getAfter(debit, "/v1/wallets/" + wallet);
        assertThat(low).isEqualTo(walletNow.json());
        assertThat(low.get("balance").asString()).isEqualTo("5.00");
        assertThat(low.get("low_balance_threshold").asString()).isEqualTo("10.00");

        Response one = admin.get("/v1/events/" + events.get(2).get("id").asString());
        assertThat(one.json()).isEqualTo(events.get(2));
        assertThat(newOrganization("feed-other").get("/v1/events").json().get("data")).isEmpty();
        assertThat(newOrganization("feed-other-2").get("/v1/events/" + events.get(2).get("id").asString()).status())
                .isEqualTo(404);
    }

    @Test
    void pagesFollowTheCursorAndTheTypesFilter() {
        Client admin = newOrganization("feed-pages");
        for (int i = 0; i < 5; i++) {
            admin.post("/v1/customers", json(body("customer_name", "Paged " + i)));
        }
        List<JsonNode> all = allEvents(admin, 5);
        Response first = admin.get("/v1/events?limit=2");
        assertThat(first.json().get("has_more").asBoolean()).isTrue();
        Response second = admin.get("/v1/events?limit=2&starting_after=" + first.text("next_cursor"));
        assertThat(second.json().get("data").get(0)).isEqualTo(all.get(2));
        assertThat(admin.get("/v1/events?types=customer.updated").json().get("data")).isEmpty();
        assertThat(admin.get("/v1/events?types=customer.created,wallet.created").json().get("data")).hasSize(5);

        Response invalid = admin.get("/v1/events?types=customer.made&wait=31&limit=0&starting_after=evt_nope");
        assertThat(invalid.status()).isEqualTo(422);
        assertThat(invalid.json().get("errors")).extracting(error -> error.get("field").asString())
                .containsExactlyInAnyOrder("limit", "types", "wait");
        Response unknownCursor = admin.get("/v1/events?starting_after=evt_nope");
        assertThat(unknownCursor.status()).isEqualTo(422);
        assertThat(newKey(admin, "reader").get("/v1/events").status()).isEqualTo(200);
    }

    @Test
    void aLongPollAnswersAsSoonAsAnEventArrivesAndAnEmptyPageWhenTheTimeIsUp() throws Exception {
        Client admin = newOrganization("feed-long-poll");
        admin.post("/v1/customers", json(body("customer_name", "Before")));
        String cursor = allEvents(admin, 1).get(0).get("id").asString();

        long started = System.nanoTime();
        Response empty = admin.get("/v1/events?wait=1&starting_after=" + cursor);
        assertThat(empty.status()).isEqualTo(200);
        assertThat(empty.json().get("data")).isEmpty();
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isBetween(900L, 5000L);

        CompletableFuture<HttpResponse<String>> poll = longPoll(admin, "/v1/events?wait=20&starting_after=" + cursor);
        Thread.sleep(300);
        assertThat(poll).isNotDone();
        long sent = System.nanoTime();
        admin.post("/v1/customers", json(body("customer_name", "After")));
        HttpResponse<String> answer = poll.get(20, TimeUnit.SECONDS);
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sent)).isLessThan(5000);
        JsonNode page = JSON.readTree(answer.body());
        assertThat(page.get("data")).hasSize(1);
        assertThat(page.get("data").get(0).get("data").get("object").get("customer_name").asString())
                .isEqualTo("After");
    }

    @Test
    void twoHundredLongPollsHoldNeitherServletThreadsNorDatabaseConnections() throws Exception {
        Client admin = newOrganization("feed-many-polls");
        admin.post("/v1/customers", json(body("customer_name", "Start")));
        String cursor = allEvents(admin, 1).get(0).get("id").asString();
        List<CompletableFuture<HttpResponse<String>>> polls = new ArrayList<>();
        HttpClient client = HttpClient.newBuilder().build();
        for (int i = 0; i < 200; i++) {
            polls.add(longPoll(client, admin, "/v1/events?wait=30&starting_after=" + cursor));
        }
        Thread.sleep(1000);
        assertThat(polls).noneMatch(CompletableFuture::isDone);
        // With 200 requests waiting, the 20 connections of the pool and the servlet threads are all still free.
        for (int i = 0; i < 30; i++) {
            assertThat(admin.get("/v1/customers?limit=1").status()).isEqualTo(200);
        }
        admin.post("/v1/customers", json(body("customer_name", "Wakes them all")));
        for (CompletableFuture<HttpResponse<String>> poll : polls) {
            HttpResponse<String> answer = poll.get(20, TimeUnit.SECONDS);
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(answer.body()).get("data")).hasSize(1);
        }
    }

    @Test
    void aFinishedImportPublishesItsCountsOnceAndEachCustomerItCreated() {
        Client admin = newOrganization("feed-import");
        Response accepted = admin.send("POST", "/v1/customers/imports", "customer_name,email\r\nImported One,"
                + "one@import.example\r\nImported Two,not-an-email\r\n", "text/csv");
        assertThat(accepted.status()).isEqualTo(202);
        String importId = accepted.text("id");
        pollUntil(() -> admin.get("/v1/customers/imports/" + importId),
                response -> "succeeded".equals(response.text("status")), SETTLE);

        List<JsonNode> events = allEvents(admin, 2);
        assertThat(events).extracting(event -> event.get("type").asString())
                .containsExactly("customer.created", "customer_import.completed");
        JsonNode completed = events.get(1).get("data").get("object");
        assertThat(completed.get("id").asString()).isEqualTo(importId);
        assertThat(completed.get("status").asString()).isEqualTo("succeeded");
        assertThat(completed.get("dry_run").asBoolean()).isFalse();
        assertThat(completed.get("total_rows").asInt()).isEqualTo(2);
        assertThat(completed.get("created").asInt()).isEqualTo(1);
        assertThat(completed.get("failed_rows").asInt()).isEqualTo(1);
        assertThat(completed.has("errors")).isFalse();
        assertThat(events.get(1).get("actor").get("id").asString()).startsWith("key_");
    }

    /**
     * A transaction that took a global index and has not committed holds the feed below it: an event committed after
     * it with a higher index is not shown until the transaction ends; then the lower one (if it committed) comes first.
     * An index a rolled-back transaction took is passed as soon as it has ended, not after Axon's gap timeout.
     */
    @Test
    void theFeedShowsNoEventWhileALowerIndexMayStillCommit() throws Exception {
        Client admin = newOrganization("feed-commit-order");
        admin.post("/v1/customers", json(body("customer_name", "First")));
        allEvents(admin, 1);

        try (Connection held = uncommittedImportEvent(admin.organizationId())) {
            admin.post("/v1/customers", json(body("customer_name", "Committed later, higher index")));
            Thread.sleep(1500);
            assertThat(admin.get("/v1/events").json().get("data")).hasSize(1);
            held.commit();
        }
        List<JsonNode> events = allEvents(admin, 3);
        assertThat(events).extracting(event -> event.get("type").asString())
                .containsExactly("customer.created", "customer_import.completed", "customer.created");
        assertThat(events.get(1).get("data").get("object").get("created").asInt()).isEqualTo(7);

        try (Connection aborted = uncommittedImportEvent(admin.organizationId())) {
            admin.post("/v1/customers", json(body("customer_name", "After a rollback")));
            Thread.sleep(1000);
            assertThat(admin.get("/v1/events").json().get("data")).hasSize(3);
            aborted.rollback();
        }
        long rolledBack = System.nanoTime();
        allEvents(admin, 4);
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - rolledBack)).isLessThan(10_000);
    }

    /** A connection whose transaction, still open, has appended an import's event ({@link #heldImportEvent}). */
    private Connection uncommittedImportEvent(String organizationId) throws SQLException {
        Connection connection = dataSource.getConnection();
        try (Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            statement.execute(heldImportEvent(organizationId));
            return connection;
        } catch (SQLException | RuntimeException failure) {
            connection.close();
            throw failure;
        }
    }

    /** An event appended as the event store appends them, in a transaction the test holds open. */
    private static String heldImportEvent(String organizationId) {
        String importId = "imp_held_" + UUID.randomUUID();
        return """
                insert into domain_event_entry (global_index, aggregate_identifier, sequence_number, type,
                    event_identifier, meta_data, payload, payload_revision, payload_type, time_stamp)
                values (case when pg_current_xact_id() is not null then nextval('domain_event_entry_seq') end,
                        '%1$s', 0, 'CustomerImport', '%3$s', convert_to('{"organization_id":"%2$s"}', 'UTF8'),
                        convert_to('{"importId":"%1$s","organizationId":"%2$s","status":"succeeded","dryRun":false,'
                            || '"onConflict":"skip","counts":{"totalRows":7,"processedRows":7,"created":7,'
                            || '"updated":0,"skipped":0,"failedRows":0}}', 'UTF8'),
                        '1', 'io.billfold.api.customer.CustomerImportCompletedEvent',
                        to_char(now() at time zone 'utc', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
                """.formatted(importId, organizationId, UUID.randomUUID());
    }

    /** Every event of the organization, once there are at least {@code count}. */
    static List<JsonNode> allEvents(Client client, int count) {
        Response page = pollUntil(() -> client.get("/v1/events?limit=100"),
                response -> response.json().get("data").size() >= count, SETTLE);
        List<JsonNode> events = new ArrayList<>();
        page.json().get("data").forEach(events::add);
        return events;
    }

    private CompletableFuture<HttpResponse<String>> longPoll(Client client, String path) {
        return longPoll(HttpClient.newHttpClient(), client, path);
    }

    private CompletableFuture<HttpResponse<String>> longPoll(HttpClient http, Client client, String path) {
        return http.sendAsync(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + client.apiKey()).timeout(Duration.ofSeconds(40)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
