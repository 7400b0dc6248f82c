package io.billfold.platform.web;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** Waits for a query's answer and rethrows a handler's failure as itself, so that it maps to its own problem. */
public final class QueryResults {

    private QueryResults() {
    }

    public static <T> T join(CompletableFuture<T> answer) {
        try {
            return answer.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }
}
