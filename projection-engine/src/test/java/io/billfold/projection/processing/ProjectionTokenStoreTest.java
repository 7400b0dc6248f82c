package io.billfold.projection.processing;

import io.billfold.projection.EngineContextTest;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Two nodes starting one processor at the same moment: both find no segments, one creates them, both start. */
class ProjectionTokenStoreTest extends EngineContextTest {

    @Autowired
    TokenStore tokenStore;
    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void nodesThatBothFindNoSegmentsCreateThemOnce() throws Exception {
        CyclicBarrier bothLooked = new CyclicBarrier(2);
        Runnable start = () -> new TransactionTemplate(transactions).executeWithoutResult(status -> {
            // As Axon's coordinator does when it starts: look, and create the segments if there are none.
            boolean none = tokenStore.fetchSegments("racing").length == 0;
            await(bothLooked);
            if (none) {
                tokenStore.initializeTokenSegments("racing", 4);
            }
        });
        CompletableFuture<Void> first = CompletableFuture.runAsync(start);
        CompletableFuture<Void> second = CompletableFuture.runAsync(start);
        first.get(30, TimeUnit.SECONDS);
        second.get(30, TimeUnit.SECONDS);

        int[] segments = new TransactionTemplate(transactions).execute(status -> tokenStore.fetchSegments("racing"));
        assertThat(segments).containsExactly(0, 1, 2, 3);
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
