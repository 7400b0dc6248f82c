package io.billfold.projection;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.nio.file.Files;

/** A test of the engine in a Spring context of its own, on a fresh embedded PostgreSQL. */
@SpringBootTest(classes = EngineTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
public abstract class EngineContextTest {

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) throws IOException {
        String dir = Files.createTempDirectory("billfold-engine-test-").toString();
        registry.add("billfold.data-dir", () -> dir);
    }
}
