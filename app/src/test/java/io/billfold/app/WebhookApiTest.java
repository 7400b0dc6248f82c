package io.billfold.app;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Webhooks end to end, with real receivers on the loopback: delivery and signature (checked by a verifier written
 * from the Standard Webhooks text), retries, timeouts, disabled and deleted endpoints, rotation, the deliveries list
 * and manual retries, isolation between organizations. Back-off, the rotation overlap and disabling take the time
 * the webhooks' clock says, which the tests move forward.
 */
class WebhookApiTest extends ApiTestSupport {

    private static final Duration SETTLE = Duration.ofSeconds(20);

    @Autowired
    TestClock clock;


    private final List<WebhookReceiver> receivers = new ArrayList<>();

    @AfterEach
    void stopReceivers() {
        receivers.forEach(WebhookReceiver::close);
    }

    private WebhookReceiver receiver() {
        WebhookReceiver receiver = new WebhookReceiver();
        receivers.add(receiver);
        return receiver;
    }

    private static Response endpoint(Client admin, String url, String... types) {
        Response created = admin.post("/v1/webhook-endpoints",
                json(body("url", url, "event_types", types.length == 0 ? List.of("*") : List.of(types),
                        "description", "test receiver")));
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        return created;
    }

    private static boolean verified(String secret, WebhookReceiver.Received request, Instant now) {
        return StandardWebhooksVerifier.verify(secret, request.id(), request.timestamp(), request.signature(),
                request.body(), now.getEpochSecond());
    }

    @Test
    void anEventIsDeliveredSignedWithTheEventAsTheFeedShowsIt() {
        Client admin = newOrganization("webhook-delivery");
        WebhookReceiver receiver = receiver();
        Response endpoint = endpoint(admin, receiver.url());
        String secret = endpoint.text("secret");
        assertThat(secret).startsWith("whsec_");
        assertThat(java.util.Base64.getDecoder().decode(secret.substring(6))).hasSize(32);
        assertThat(endpoint.text("status")).isEqualTo("enabled");
        assertThat(admin.get("/v1/webhook-endpoints/" + endpoint.text("id")).json().has("secret")).isFalse();

        admin.post("/v1/customers", json(body("customer_name", "Hooked")));
        WebhookReceiver.Received request = pollUntil(receiver::received, list -> !list.isEmpty(), SETTLE).get(0);

        assertThat(verified(secret, request, clock.instant())).isTrue();
        assertThat(verified("whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[32]), request,
                clock.instant())).isFalse();
        assertThat(request.signature()).startsWith("v1,").doesNotContain(" ");
        Response event = admin.get("/v1/events/" + request.id());
        assertThat(event.raw().body()).isEqualTo(request.body());
        assertThat(event.json().get("type").asString()).isEqualTo("customer.created");

        JsonNode delivery = pollUntil(() -> deliveries(admin, endpoint.text("id"), ""),
                list -> list.size() == 1 && list.get(0).get("status").asString().equals("succeeded"), SETTLE).get(0);
        assertThat(delivery.get("event_id").asString()).isEqualTo(request.id());
        assertThat(delivery.get("event_type").asString()).isEqualTo("customer.created");
        assertThat(delivery.get("attempts").asInt()).isEqualTo(1);
        assertThat(delivery.get("last_response_status").asInt()).isEqualTo(200);
        assertThat(delivery.get("last_response_body").asString()).isEqualTo("ok");
    }

    @Test
    void onlyTheSubscribedTypesOfEventsAfterTheEndpointsCreationAreDelivered() {
        Client admin = newOrganization("webhook-types");
        String customer = admin.post("/v1/customers", json(body("customer_name", "Before"))).text("id");
        EventFeedApiTest.allEvents(admin, 1);
        WebhookReceiver receiver = receiver();
        endpoint(admin, receiver.url(), "wallet.created");
        admin.post("/v1/customers", json(body("customer_name", "Not subscribed")));
        String wallet = admin.post("/v1/customers/" + customer + "/wallets", json(body("currency", "EUR"))).text("id");
        List<WebhookReceiver.Received> received = pollUntil(receiver::received, list -> !list.isEmpty(), SETTLE);
        EventFeedApiTest.allEvents(admin, 3);
        pause();
        assertThat(receiver.received()).hasSize(1);
        assertThat(received.get(0).body()).contains("\"type\":\"wallet.created\"").contains(wallet);
    }

    @Test
    void aFailedAttemptIsRetriedAfterItsBackOffUntilTheReceiverAnswers() {
        Client admin = newOrganization("webhook-retries");
        WebhookReceiver receiver = receiver();
        receiver.answerNext(500);
        String id = endpoint(admin, receiver.url()).text("id");
        admin.post("/v1/customers", json(body("customer_name", "Retried")));

        JsonNode failed = pollUntil(() -> deliveries(admin, id, ""),
                list -> list.size() == 1 && list.get(0).get("attempts").asInt() == 1, SETTLE).get(0);
        assertThat(failed.get("status").asString()).isEqualTo("pending");
        assertThat(failed.get("last_response_status").asInt()).isEqualTo(500);
        Duration backOff = Duration.between(Instant.parse(failed.get("last_attempt_at").asString()),
                Instant.parse(failed.get("next_attempt_at").asString()));
        assertThat(backOff).isBetween(Duration.ofMillis(4500), Duration.ofSeconds(10));
        pause();
        assertThat(receiver.received()).as("nothing before the back-off has passed").hasSize(1);

        clock.advance(Duration.ofSeconds(10));
        JsonNode delivered = pollUntil(() -> deliveries(admin, id, ""),
                list -> list.get(0).get("status").asString().equals("succeeded"), SETTLE).get(0);
        assertThat(delivered.get("attempts").asInt()).isEqualTo(2);
        assertThat(receiver.received()).hasSize(2).extracting(WebhookReceiver.Received::id).containsOnly(
                delivered.get("event_id").asString());
    }

    @Test
    void anAnswerLaterThanTheTimeoutOrARedirectIsAFailureAndTheReceiverThatComesBackGetsTheEvent() throws Exception {
        Client admin = newOrganization("webhook-timeout");
        WebhookReceiver slow = receiver();
        slow.delay(Duration.ofMillis(2500));
        String id = endpoint(admin, slow.url()).text("id");
        admin.post("/v1/customers", json(body("customer_name", "Slowly received")));
        JsonNode timedOut = pollUntil(() -> deliveries(admin, id, ""),
                list -> list.size() == 1 && list.get(0).get("attempts").asInt() == 1, SETTLE).get(0);
        assertThat(timedOut.get("last_error").asString()).contains("timeout");

        int port = slow.port();
        slow.close();
        clock.advance(Duration.ofSeconds(10));
        JsonNode refused = pollUntil(() -> deliveries(admin, id, ""),
                list -> list.get(0).get("attempts").asInt() == 2, SETTLE).get(0);
        assertThat(refused.get("status").asString()).isEqualTo("pending");
        assertThat(refused.get("last_response_status").isNull()).isTrue();

        WebhookReceiver back = new WebhookReceiver(port);
        receivers.add(back);
        back.answerNext(302);
        clock.advance(Duration.ofMinutes(1));
        JsonNode redirected = pollUntil(() -> deliveries(admin, id, ""),
                list -> list.get(0).get("attempts").asInt() == 3, SETTLE).get(0);
        assertThat(redirected.get("last_response_status").asInt()).isEqualTo(302);
        assertThat(back.received()).hasSize(1);

        clock.advance(Duration.ofMinutes(5));
        pollUntil(() -> deliveries(admin, id, ""), list -> list.get(0).get("status").asString().equals("succeeded"),
                SETTLE);
        assertThat(back.received()).hasSize(2);
    }

    @Test
    void aFailingDeliveryIsTriedEightTimesOverMoreThanADayThenFailedAndCanBeRetriedByHand() {
        Client admin = newOrganization("webhook-exhausted");
        WebhookReceiver receiver = receiver();
        receiver.answer(503);
        receiver.answerBody("x".repeat(5000));
        String id = endpoint(admin, receiver.url()).text("id");
        admin.post("/v1/customers", json(body("customer_name", "Never received")));
        Instant first = null;
        Instant last = null;
        for (int attempt = 1; attempt <= 8; attempt++) {
            int expected = attempt;
            JsonNode delivery = pollUntil(() -> deliveries(admin, id, ""),
                    list -> list.size() == 1 && list.get(0).get("attempts").asInt() == expected, SETTLE).get(0);
            last = Instant.parse(delivery.get("last_attempt_at").asString());
            first = first == null ? last : first;
            if (attempt < 8) {
                assertThat(delivery.get("status").asString()).isEqualTo("pending");
                clock.advance(Duration.between(clock.instant(),
                        Instant.parse(delivery.get("next_attempt_at").asString())).plusSeconds(1));
            } else {
                assertThat(delivery.get("status").asString()).isEqualTo("failed");
                assertThat(delivery.get("next_attempt_at").isNull()).isTrue();
                assertThat(delivery.get("last_response_body").asString()).hasSize(1024);
            }
        }
        assertThat(Duration.between(first, last)).isGreaterThanOrEqualTo(Duration.ofHours(24));
        assertThat(deliveries(admin, id, "?status=failed")).hasSize(1);
        assertThat(deliveries(admin, id, "?status=succeeded")).isEmpty();

        receiver.answer(200);
        String deliveryId = deliveries(admin, id, "").get(0).get("id").asString();
        Response retry = admin.post("/v1/webhook-endpoints/" + id + "/deliveries/" + deliveryId + "/retry", null);
        assertThat(retry.status()).isEqualTo(202);
        pollUntil(() -> deliveries(admin, id, "?status=succeeded"), list -> list.size() == 1, SETTLE);
        assertThat(receiver.received()).hasSize(9);
        assertThat(admin.post("/v1/webhook-endpoints/" + id + "/deliveries/whd_nope/retry", null).status())
                .isEqualTo(404);
    }

    @Test
    void anEndpointWhoseDeliveriesAllFailedForThreeDaysIsDisabled() {
        Client admin = newOrganization("webhook-disabling");
        WebhookReceiver receiver = receiver();
        receiver.answer(500);
        String id = endpoint(admin, receiver.url()).text("id");
        admin.post("/v1/customers", json(body("customer_name", "Failing")));
        pollUntil(() -> deliveries(admin, id, ""), list -> list.size() == 1 && list.get(0).get("attempts").asInt() == 1,
                SETTLE);
        clock.advance(Duration.ofDays(2));
        admin.post("/v1/customers", json(body("customer_name", "Failing two days later")));
        pollUntil(() -> deliveries(admin, id, ""), list -> list.size() == 2 && list.get(0).get("attempts").asInt() == 1,
                SETTLE);
        assertThat(admin.get("/v1/webhook-endpoints/" + id).text("status")).isEqualTo("enabled");
        clock.advance(Duration.ofDays(1).plusHours(1));
        admin.post("/v1/customers", json(body("customer_name", "Failing three days later")));
        Response endpoint = pollUntil(() -> admin.get("/v1/webhook-endpoints/" + id),
                response -> response.text("status").equals("disabled"), SETTLE);
        assertThat(endpoint.text("disabled_reason")).isEqualTo("failing");

        admin.post("/v1/customers", json(body("customer_name", "While disabled")));
        clock.advance(Duration.ofDays(1));
        long disabledDay = clock.instant().getEpochSecond();
        pause();
        // An attempt already in flight when the endpoint was disabled may still arrive; nothing is sent afterwards:
        // neither the new event nor a retry of the earlier ones, due during the day the clock skipped.
        assertThat(receiver.received(request -> request.body().contains("While disabled"))).isEmpty();
        assertThat(receiver.received(request -> Long.parseLong(request.timestamp()) >= disabledDay)).isEmpty();

        Response enabled = admin.patch("/v1/webhook-endpoints/" + id, json(body("status", "enabled")));
        assertThat(enabled.text("status")).isEqualTo("enabled");
        assertThat(enabled.text("disabled_reason")).isNull();
    }

    @Test
    void aDisabledOrDeletedEndpointReceivesNothing() {
        Client admin = newOrganization("webhook-off");
        WebhookReceiver disabledReceiver = receiver();
        WebhookReceiver deletedReceiver = receiver();
        WebhookReceiver control = receiver();
        String disabled = endpoint(admin, disabledReceiver.url()).text("id");
        String deleted = endpoint(admin, deletedReceiver.url()).text("id");
        endpoint(admin, control.url());
        Response off = admin.patch("/v1/webhook-endpoints/" + disabled, json(body("status", "disabled")));
        assertThat(off.text("status")).isEqualTo("disabled");
        assertThat(off.text("disabled_reason")).isNull();
        assertThat(admin.delete("/v1/webhook-endpoints/" + deleted).status()).isEqualTo(204);
        assertThat(admin.get("/v1/webhook-endpoints/" + deleted).status()).isEqualTo(404);

        admin.post("/v1/customers", json(body("customer_name", "Only the control hears of me")));
        pollUntil(control::received, list -> !list.isEmpty(), SETTLE);
        clock.advance(Duration.ofMinutes(10));
        pause();
        assertThat(disabledReceiver.received()).isEmpty();
        assertThat(deletedReceiver.received()).isEmpty();
        assertThat(deliveries(admin, disabled, "")).isEmpty();
    }

    @Test
    void afterARotationBothSecretsSignFor24HoursThenOnlyTheNewOne() {
        Client admin = newOrganization("webhook-rotation");
        WebhookReceiver receiver = receiver();
        Response created = endpoint(admin, receiver.url());
        String id = created.text("id");
        String oldSecret = created.text("secret");
        Response rotated = admin.post("/v1/webhook-endpoints/" + id + "/rotate-secret", null);
        assertThat(rotated.status()).isEqualTo(200);
        String newSecret = rotated.text("secret");
        assertThat(newSecret).startsWith("whsec_").isNotEqualTo(oldSecret);

        admin.post("/v1/customers", json(body("customer_name", "During the overlap")));
        WebhookReceiver.Received during = pollUntil(receiver::received, list -> list.size() == 1, SETTLE).get(0);
        assertThat(during.signature().split(" ")).hasSize(2);
        assertThat(verified(newSecret, during, clock.instant())).isTrue();
        assertThat(verified(oldSecret, during, clock.instant())).isTrue();

        clock.advance(Duration.ofHours(24).plusMinutes(1));
        admin.post("/v1/customers", json(body("customer_name", "After the overlap")));
        WebhookReceiver.Received after = pollUntil(receiver::received, list -> list.size() == 2, SETTLE).get(1);
        assertThat(after.signature().split(" ")).hasSize(1);
        assertThat(verified(newSecret, after, clock.instant())).isTrue();
        assertThat(verified(oldSecret, after, clock.instant())).isFalse();
    }

    @Test
    void anotherOrganizationsReceiverNeverGetsTheFirstOnesEvents() {
        Client first = newOrganization("webhook-tenant-1");
        Client second = newOrganization("webhook-tenant-2");
        WebhookReceiver firstReceiver = receiver();
        WebhookReceiver secondReceiver = receiver();
        String firstEndpoint = endpoint(first, firstReceiver.url()).text("id");
        endpoint(second, secondReceiver.url());
        for (int i = 0; i < 3; i++) {
            first.post("/v1/customers", json(body("customer_name", "First's " + i)));
        }
        second.post("/v1/customers", json(body("customer_name", "Second's")));
        pollUntil(firstReceiver::received, list -> list.size() == 3, SETTLE);
        pollUntil(secondReceiver::received, list -> list.size() == 1, SETTLE);
        pause();
        assertThat(secondReceiver.received()).hasSize(1);
        assertThat(secondReceiver.received().get(0).body()).contains("Second's").doesNotContain("First's");
        assertThat(second.get("/v1/webhook-endpoints/" + firstEndpoint).status()).isEqualTo(404);
        assertThat(second.get("/v1/webhook-endpoints/" + firstEndpoint + "/deliveries").status()).isEqualTo(404);
        assertThat(ids(second.get("/v1/webhook-endpoints"))).doesNotContain(firstEndpoint);
    }

    @Test
    void endpointsAreForAdminsAndTheirFieldsAreChecked() {
        Client admin = newOrganization("webhook-rules");
        Client writer = newKey(admin, "writer");
        assertThat(writer.get("/v1/webhook-endpoints").status()).isEqualTo(403);
        assertThat(writer.post("/v1/webhook-endpoints", json(body("url", "http://127.0.0.1:9/x",
                "event_types", List.of("*")))).status()).isEqualTo(403);

        Response invalid = admin.post("/v1/webhook-endpoints", json(body("url", "ftp://example.com/x",
                "event_types", List.of("customer.made"), "description", "x".repeat(300))));
        assertThat(invalid.status()).isEqualTo(422);
        assertThat(invalid.json().get("errors")).extracting(error -> error.get("field").asString())
                .containsExactlyInAnyOrder("url", "event_types", "description");
        assertThat(admin.post("/v1/webhook-endpoints", json(body("event_types", List.of()))).json().get("errors"))
                .hasSize(2);
        assertThat(admin.post("/v1/webhook-endpoints", json(body("url", "http://127.0.0.1:9/x",
                "event_types", List.of("*"), "secret", "mine"))).status()).isEqualTo(422);

        String id = endpoint(admin, "http://127.0.0.1:9/x", "customer.created", "customer.created").text("id");
        assertThat(admin.get("/v1/webhook-endpoints/" + id).json().get("event_types")).hasSize(1);
        Response patched = admin.patch("/v1/webhook-endpoints/" + id,
                json(body("event_types", List.of("wallet.balance_low"), "description", null)));
        assertThat(patched.status()).isEqualTo(200);
        assertThat(patched.text("description")).isNull();
        assertThat(patched.json().get("event_types").get(0).asString()).isEqualTo("wallet.balance_low");
        String emoji = "\uD83D\uDE00";
        assertThat(admin.patch("/v1/webhook-endpoints/" + id, json(body("description", emoji.repeat(255))))
                .text("description")).isEqualTo(emoji.repeat(255));
        assertThat(admin.patch("/v1/webhook-endpoints/" + id, json(body("description", emoji.repeat(256))))
                .json().get("errors")).extracting(error -> error.get("field").asString()).containsExactly("description");
        Response badPatch = admin.patch("/v1/webhook-endpoints/" + id,
                json(body("url", null, "status", "paused", "event_types", "*")));
        assertThat(badPatch.status()).isEqualTo(422);
        assertThat(badPatch.json().get("errors")).extracting(error -> error.get("field").asString())
                .containsExactlyInAnyOrder("url", "status", "event_types");
        assertThat(admin.get("/v1/webhook-endpoints/" + id + "/deliveries?status=lost").status()).isEqualTo(422);
        assertThat(admin.get("/v1/webhook-endpoints/we_nope").status()).isEqualTo(404);
        assertThat(admin.delete("/v1/webhook-endpoints/we_nope").status()).isEqualTo(404);
        assertThat(admin.post("/v1/webhook-endpoints/we_nope/rotate-secret", null).status()).isEqualTo(404);

        for (int i = 0; i < 2; i++) {
            endpoint(admin, "https://hooks.example/" + i);
        }
        Response page = admin.get("/v1/webhook-endpoints?limit=2");
        assertThat(page.json().get("has_more").asBoolean()).isTrue();
        Response rest = admin.get("/v1/webhook-endpoints?limit=2&starting_after=" + page.text("next_cursor"));
        assertThat(ids(rest)).containsExactly(id);
    }

    private static List<JsonNode> deliveries(Client admin, String endpointId, String query) {
        Response page = admin.get("/v1/webhook-endpoints/" + endpointId + "/deliveries" + query);
        assertThat(page.status()).as(page.raw().body()).isEqualTo(200);
        List<JsonNode> list = new ArrayList<>();
        page.json().get("data").forEach(list::add);
        return list;
    }

    /** Long enough for the sender to have looked for due deliveries several times (every 100 ms in these tests). */
    private static void pause() {
        try {
            Thread.sleep(700);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
