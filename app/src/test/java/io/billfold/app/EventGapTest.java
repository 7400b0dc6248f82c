package io.billfold.app;

import io.billfold.api.customer.CreateCustomerCommand;
import io.billfold.api.customer.CustomerDetails;
import io.billfold.platform.auth.Caller;
import io.billfold.platform.auth.CallerContext;
import io.billfold.platform.auth.Role;
import io.billfold.platform.eventstore.EventPositions;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An event whose transaction commits long after later events were committed and processed leaves a gap in the
 * global order; the projections must still process it when it commits, never skip it.
 */
class EventGapTest extends ApiTestSupport {

    @Autowired
    CommandGateway commands;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    EventPositions positions;

    /** How long the slow transaction stays open; override with -Dbillfold.test.gap-hold=70s for the full proof. */
    @Value("${billfold.test.gap-hold:6s}")
    Duration hold;

    @Test
    void anEventCommittedLongAfterLaterEventsIsStillProcessed() throws Exception {
        Client admin = newOrganization("gap");
        String organization = admin.organizationId();

        CountDownLatch appended = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        long[] slowPosition = new long[1];
        CompletableFuture<Void> slow = CompletableFuture.runAsync(() -> {
            Caller caller = new Caller(organization, "key_gap_test", "gap test", Role.WRITER, false);
            try (CallerContext.Scope scope = CallerContext.open(new CallerContext.Current(caller, "req_gap", null))) {
                new TransactionTemplate(transactions).executeWithoutResult(status -> {
                    commands.sendAndWait(new CreateCustomerCommand("cus_slow_gap", organization, new CustomerDetails(
                            "Slow", null, null, null, null, null, null, null, null, null, null, null), null));
                    slowPosition[0] = positions.lastPositionOf(List.of("cus_slow_gap"));
                    appended.countDown();
                    await(release);
                });
            }
        });
        assertThat(appended.await(30, TimeUnit.SECONDS)).isTrue();

        Response later = admin.post("/v1/customers", json(body("customer_name", "Later")));
        assertThat(Long.parseLong(later.header("Billfold-Position"))).isGreaterThan(slowPosition[0]);
        assertThat(admin.getAfter(later, "/v1/customers/" + later.text("id")).status()).isEqualTo(200);
        Thread.sleep(hold.toMillis());
        release.countDown();
        slow.get(30, TimeUnit.SECONDS);

        Response slowCustomer = admin.get("/v1/customers/cus_slow_gap", "Billfold-Await-Position",
                Long.toString(slowPosition[0]));
        assertThat(slowCustomer.status()).isEqualTo(200);
        assertThat(slowCustomer.text("customer_name")).isEqualTo("Slow");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
