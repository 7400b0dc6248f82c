package io.billfold.platform.testing;

import org.springframework.test.context.DynamicPropertyRegistry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A fresh data directory per test context, so each context's embedded PostgreSQL has its own. Shared with the other
 * modules' tests through platform's test jar (which holds this package only).
 */
public final class TestDataDir {

    private TestDataDir() {
    }

    /** A new, empty directory. */
    public static Path create() {
        try {
            return Files.createTempDirectory("billfold-test-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Points {@code billfold.data-dir} at a new directory, and answers it. */
    public static Path register(DynamicPropertyRegistry registry) {
        Path dir = create();
        registry.add("billfold.data-dir", dir::toString);
        return dir;
    }
}
