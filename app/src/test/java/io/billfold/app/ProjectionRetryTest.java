package io.billfold.app;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A projection handler that fails is retried until it succeeds: the event is neither skipped nor are the events
 * after it processed before it (their read-model changes wait with it).
 */
class ProjectionRetryTest extends ApiTestSupport {

    @Test
    void aFailingEventIsRetriedNotSkipped() {
        Client admin = newOrganization("retry");
        Response created = admin.post("/v1/customers", json(body("customer_name", "Before")));
        String id = created.text("id");
        admin.patch("/v1/customers/" + id, json(body("customer_name", PoisonedProjectionHandler.POISON)));
        Response after = admin.patch("/v1/customers/" + id, json(body("customer_name", "After")));

        // Retries back off (Axon doubles the pause after each failure), so this can outlast one await's 5 s.
        Response read = admin.getAfter(after, "/v1/customers/" + id);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (read.status() == 503 && System.nanoTime() < deadline) {
            read = admin.getAfter(after, "/v1/customers/" + id);
        }
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.text("customer_name")).isEqualTo("After");
        assertThat(PoisonedProjectionHandler.ATTEMPTS.get()).isGreaterThanOrEqualTo(3);
        assertThat(admin.get("/v1/customers/" + id + "/history").json().get("data").get(1).get("fields").get(0)
                .get("new_value").asString()).isEqualTo(PoisonedProjectionHandler.POISON);
    }
}
