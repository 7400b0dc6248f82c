package io.billfold.query;

import org.springframework.test.context.DynamicPropertyRegistry;

import java.io.IOException;
import java.nio.file.Files;

/** A fresh data directory per test context, so each context's embedded PostgreSQL has its own. */
public final class TestDataDir {

    private TestDataDir() {
    }

    public static void register(DynamicPropertyRegistry registry) throws IOException {
        String dir = Files.createTempDirectory("billfold-query-test-").toString();
        registry.add("billfold.data-dir", () -> dir);
    }
}
