package io.billfold.app;

import static io.billfold.app.ApiTestSupport.body;
import static io.billfold.app.ApiTestSupport.ids;
import static io.billfold.app.ApiTestSupport.json;
import static io.billfold.app.ApiTestSupport.newOrganization;
import static io.billfold.app.ApiTestSupport.pollUntil;
import static org.assertj.core.api.Assertions.assertThat;

import io.billfold.app.ApiTestSupport.Client;
import io.billfold.app.ApiTestSupport.Response;
import io.billfold.platform.testing.TestDataDir;
import org.axonframework.eventhandling.GenericEventMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.core.type.classreading.MetadataReaderFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * An expiry that fell due while no node ran: Billfold is stopped before a grant's {@code expires_at}, the test's clock
 * moves past it, and Billfold started again on the same database records the expiry once, and never again. Both runs
 * are whole applications in this JVM on one embedded PostgreSQL (the data directory outlives the first run), on one
 * clock the test owns, so the deadline is overdue when the second run starts without anyone waiting for it.
 */
class ExpiryAfterRestartTest {

    private static final String OPERATOR_KEY = "restart-operator-key";
    private static final TestClock CLOCK = new TestClock();
    private static final Duration SETTLE = Duration.ofSeconds(20);

    private final Path dataDir = TestDataDir.create();
    private ConfigurableApplicationContext running;

    @AfterEach
    void stop() {
        GenericEventMessage.clock = Clock.systemUTC();
        if (running != null) {
            running.close();
        }
    }

    @Test
    void anExpiryThatFellDueWhileStoppedIsRecordedOnceAfterTheRestart() {
        GenericEventMessage.clock = CLOCK;
        running = start();
        Client admin = newOrganization(operator(running), "restart");
        String customer = admin.post("/v1/customers", json(body("customer_name", "Restart Ltd"))).text("id");
        String wallet = admin.post("/v1/customers/" + customer + "/wallets", json(body("currency", "USD"))).text("id");
        Instant expiresAt = CLOCK.instant().plusSeconds(60).truncatedTo(ChronoUnit.MILLIS);
        Response grant = admin.post("/v1/wallets/" + wallet + "/credits", json(body("amount", "10.00",
                "reason", "promotional", "expires_at", expiresAt.toString())));
        assertThat(grant.status()).as(grant.raw().body()).isEqualTo(201);
        Response prepayment = admin.post("/v1/wallets/" + wallet + "/credits",
                json(body("amount", "5.00", "reason", "prepayment")));
        assertThat(prepayment.status()).isEqualTo(201);
        assertThat(pendingDeadlines(running)).isEqualTo(1);
        running.close();
        running = null;

        CLOCK.advance(Duration.ofSeconds(65));
        running = start();
        Client restarted = admin.at(port(running));
        List<JsonNode> expiries = pollUntil(() -> expiries(restarted, wallet), found -> !found.isEmpty(), SETTLE);
        assertThat(expiries).hasSize(1);
        assertThat(expiries.get(0).get("amount").asString()).isEqualTo("10.00");
        assertThat(expiries.get(0).get("grant_id").asString()).isEqualTo(grant.text("id"));
        assertThat(restarted.get("/v1/wallets/" + wallet).text("balance")).isEqualTo("5.00");

        // Once its task is gone the expiry cannot run again; a few more polls with the clock further on find nothing.
        ConfigurableApplicationContext second = running;
        pollUntil(() -> pendingDeadlines(second), pending -> pending == 0, SETTLE);
        CLOCK.advance(Duration.ofMinutes(10));
        pause(Duration.ofMillis(2_500));
        assertThat(expiries(restarted, wallet)).hasSize(1);
        Response audit = restarted.get("/v1/audit/wallet-adjustments?wallet_id=" + wallet + "&reason=expired");
        assertThat(ids(audit)).hasSize(1);
        JsonNode grants = restarted.get("/v1/wallets/" + wallet + "/grants?status=expired").json().get("data");
        assertThat(grants).hasSize(1);
        assertThat(grants.get(0).get("remaining").asString()).isEqualTo("0.00");
        assertThat(restarted.get("/v1/wallets/" + wallet).text("balance")).isEqualTo("5.00");
    }

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(BillfoldApplication.class, SharedClock.class)
                .initializers(context -> context.getBeanFactory()
                        .registerSingleton("skipTestConfigurations", new SkipTestConfigurations()))
                .run("--server.port=0",
                        "--billfold.data-dir=" + dataDir,
                        "--billfold.operator-key=" + OPERATOR_KEY,
                        "--billfold.bootstrap-admin-key=restart-bootstrap-admin-key");
    }

    private static Client operator(ConfigurableApplicationContext context) {
        return new Client(port(context), OPERATOR_KEY, null);
    }

    private static int port(ConfigurableApplicationContext context) {
        return context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
    }

    private static long pendingDeadlines(ConfigurableApplicationContext context) {
        return context.getBean(JdbcTemplate.class).queryForObject("select count(*) from scheduled_tasks", Long.class);
    }

    private static List<JsonNode> expiries(Client admin, String wallet) {
        List<JsonNode> found = new ArrayList<>();
        admin.get("/v1/wallets/" + wallet + "/transactions?type=expiry").json().get("data").forEach(found::add);
        return found;
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The one clock of both runs: the second starts where the test moved it while nothing ran. */
    @TestConfiguration(proxyBeanMethods = false)
    static class SharedClock {
        @Bean
        @Primary
        TestClock testClock() {
            return CLOCK;
        }
    }

    /**
     * Keeps the other tests' configurations (another clock, a poisoned projection) out of the scan of
     * {@code io.billfold}, as {@code @SpringBootTest} does for its own contexts.
     */
    private static final class SkipTestConfigurations extends TypeExcludeFilter {
        @Override
        public boolean match(MetadataReader reader, MetadataReaderFactory factory) {
            return reader.getAnnotationMetadata().hasAnnotation(TestConfiguration.class.getName());
        }
    }
}
