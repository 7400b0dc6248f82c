package io.billfold.app;

import io.billfold.api.customer.CustomerRenamedEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Joins the customers projection in every end-to-end test context and fails twice on one event (a customer renamed
 * to {@link #POISON}), as a briefly unavailable dependency would, and on every rename to {@link #ALWAYS_FAILS}
 * while {@link #BROKEN} is set, as a bug would. Part of the shared context so that the retry test
 * needs no context, and no database, of its own.
 */
@TestConfiguration
class PoisonedProjectionHandler {

    static final String POISON = "Fails twice";
    static final AtomicInteger ATTEMPTS = new AtomicInteger();
    /** A name this handler refuses for as long as {@link #BROKEN} is set, like a bug awaiting its fix. */
    static final String ALWAYS_FAILS = "Always fails";
    static final AtomicBoolean BROKEN = new AtomicBoolean(true);

    @Bean
    Handler poisonedHandler() {
        return new Handler();
    }

    @ProcessingGroup("customers")
    static class Handler {
        @EventHandler
        void on(CustomerRenamedEvent event) {
            if (POISON.equals(event.customerName()) && ATTEMPTS.incrementAndGet() <= 2) {
                throw new IllegalStateException("Simulated failure of a projection handler");
            }
            if (event.customerName().startsWith(ALWAYS_FAILS) && BROKEN.get()) {
                throw new IllegalStateException("Simulated bug in a projection handler");
            }
        }
    }
}
