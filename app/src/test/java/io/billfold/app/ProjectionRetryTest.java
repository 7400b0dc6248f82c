package io.billfold.app;

import io.billfold.api.customer.CustomerRenamedEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A projection handler that fails is retried until it succeeds: the event is neither skipped nor are the events
 * after it processed before it (their read-model changes wait with it).
 */
@Import(ProjectionRetryTest.FailingTwice.class)
class ProjectionRetryTest extends ApiTestSupport {

    /** This class has a context of its own (one more handler), so it needs a database of its own. */
    @DynamicPropertySource
    static void ownDatabase(DynamicPropertyRegistry registry) throws IOException {
        Path dataDir = Files.createTempDirectory("billfold-retry-test-");
        registry.add("billfold.data-dir", dataDir::toString);
    }

    @Test
    void aFailingEventIsRetriedNotSkipped() {
        Client admin = newOrganization("retry");
        Response created = admin.post("/v1/customers", json(body("customer_name", "Before")));
        String id = created.text("id");
        admin.patch("/v1/customers/" + id, json(body("customer_name", FailingTwice.POISON)));
        Response after = admin.patch("/v1/customers/" + id, json(body("customer_name", "After")));

        // Retries back off (Axon doubles the pause after each failure), so this can outlast one await's 5 s.
        Response read = admin.getAfter(after, "/v1/customers/" + id);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (read.status() == 503 && System.nanoTime() < deadline) {
            read = admin.getAfter(after, "/v1/customers/" + id);
        }
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.text("customer_name")).isEqualTo("After");
        assertThat(FailingTwice.ATTEMPTS.get()).isGreaterThanOrEqualTo(3);
        assertThat(admin.get("/v1/customers/" + id + "/history").json().get("data").get(1).get("fields").get(0)
                .get("new_value").asString()).isEqualTo(FailingTwice.POISON);
    }

    /** Joins the customers projection and fails twice on one event, as a briefly unavailable dependency would. */
    @TestConfiguration
    static class FailingTwice {
        static final String POISON = "Fails twice";
        static final AtomicInteger ATTEMPTS = new AtomicInteger();

        @Bean
        FailingHandler failingHandler() {
            return new FailingHandler();
        }
    }

    @ProcessingGroup("customers")
    static class FailingHandler {
        @EventHandler
        void on(CustomerRenamedEvent event) {
            if (FailingTwice.POISON.equals(event.customerName()) && FailingTwice.ATTEMPTS.incrementAndGet() <= 2) {
                throw new IllegalStateException("Simulated failure of a projection handler");
            }
        }
    }
}
