package io.billfold.app;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.config.ScheduledTaskHolder;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

class IdempotencyApiTest extends ApiTestSupport {

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    List<ScheduledTaskHolder> scheduledTasks;

    @Test
    void storedResponsesExpireOnASchedule() {
        Client admin = newOrganization("expiring");
        admin.post("/v1/customers", json(body("customer_name", "Old")), "Idempotency-Key", "old-key");
        admin.post("/v1/customers", json(body("customer_name", "New")), "Idempotency-Key", "new-key");
        jdbc.update("update idempotency_record set created_at = now() - interval '49 hours' "
                + "where organization_id = ? and idempotency_key = 'old-key'", admin.organizationId());

        // The scheduler wraps the method's runnable; its description names the method.
        Runnable cleanup = scheduledTasks.stream()
                .flatMap(holder -> holder.getScheduledTasks().stream())
                .map(task -> task.getTask().getRunnable())
                .filter(task -> task.toString().endsWith("IdempotencyStore.deleteExpired"))
                .findFirst().orElseThrow(() -> new AssertionError("expired idempotency records are never deleted; "
                        + "scheduled: " + scheduledTasks.stream().flatMap(h -> h.getScheduledTasks().stream()).toList()));
        cleanup.run();

        assertThat(jdbc.queryForList("select idempotency_key from idempotency_record where organization_id = ?",
                String.class, admin.organizationId())).containsExactly("new-key");
    }

    @Test
    void aRetryWithTheSameKeyAndBodyReturnsTheFirstResponseAndChangesNothing() {
        Client admin = newOrganization("idempotent");
        String request = json(body("customer_name", "Once", "external_id", "once-1"));
        Response first = admin.post("/v1/customers", request, "Idempotency-Key", "create-once");
        Response retry = admin.post("/v1/customers", request, "Idempotency-Key", "create-once");

        assertThat(first.status()).isEqualTo(201);
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.raw().body()).isEqualTo(first.raw().body());
        assertThat(retry.header("Location")).isEqualTo(first.header("Location"));
        assertThat(retry.header("Billfold-Position")).isEqualTo(first.header("Billfold-Position"));
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(admin.getAfter(first, "/v1/customers?external_id=once-1").json().get("data")).hasSize(1);
    }

    @Test
    void theSameKeyWithAnotherBodyIsRefused() {
        Client admin = newOrganization("reused");
        admin.post("/v1/customers", json(body("customer_name", "A")), "Idempotency-Key", "k");
        Response reused = admin.post("/v1/customers", json(body("customer_name", "B")), "Idempotency-Key", "k");
        assertThat(reused.status()).isEqualTo(422);
        assertThat(reused.code()).isEqualTo("idempotency_key_reused");
        Response tooLong = admin.post("/v1/customers", json(body("customer_name", "C")), "Idempotency-Key", "x".repeat(256));
        assertThat(tooLong.status()).isEqualTo(422);
    }

    @Test
    void keysBelongToOneOrganization() {
        String request = json(body("customer_name", "Shared key"));
        Response inFirst = newOrganization("keys-a").post("/v1/customers", request, "Idempotency-Key", "same");
        Response inSecond = newOrganization("keys-b").post("/v1/customers", request, "Idempotency-Key", "same");
        assertThat(inFirst.status()).isEqualTo(201);
        assertThat(inSecond.status()).isEqualTo(201);
        assertThat(inSecond.text("id")).isNotEqualTo(inFirst.text("id"));
    }

    @Test
    void aRejectedRequestIsRememberedToo() {
        Client admin = newOrganization("rejected");
        String invalid = json(body("customer_name", ""));
        Response first = admin.post("/v1/customers", invalid, "Idempotency-Key", "bad");
        Response retry = admin.post("/v1/customers", invalid, "Idempotency-Key", "bad");
        assertThat(first.status()).isEqualTo(422);
        assertThat(retry.status()).isEqualTo(422);
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
    }

    @Test
    void aMissingResourceIsNotRememberedSoARetryIsAnsweredAfresh() {
        Client admin = newOrganization("not-remembered");
        Response missing = admin.send("POST", "/v1/customers/cus_later/archive", null, "application/json",
                "Idempotency-Key", "archive-later");
        assertThat(missing.status()).isEqualTo(404);
        Response again = admin.send("POST", "/v1/customers/cus_later/archive", null, "application/json",
                "Idempotency-Key", "archive-later");
        assertThat(again.status()).isEqualTo(404);
        assertThat(again.header("Idempotent-Replayed")).isNull();
    }

    @Test
    void concurrentRetriesCreateOneCustomer() throws Exception {
        Client admin = newOrganization("concurrent-retries");
        String request = json(body("customer_name", "Concurrent", "external_id", "conc-1"));
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Callable<Response>> retries = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                retries.add(() -> admin.post("/v1/customers", request, "Idempotency-Key", "burst"));
            }
            Set<String> createdIds = new HashSet<>();
            Response any = null;
            for (Future<Response> future : pool.invokeAll(retries)) {
                Response response = future.get();
                assertThat(response.status()).isIn(201, 409);
                if (response.status() == 201) {
                    createdIds.add(response.text("id"));
                    any = response;
                } else {
                    assertThat(response.code()).isEqualTo("idempotency_request_in_flight");
                }
            }
            assertThat(createdIds).hasSize(1);
            assertThat(admin.getAfter(any, "/v1/customers?external_id=conc-1").json().get("data")).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }
}
