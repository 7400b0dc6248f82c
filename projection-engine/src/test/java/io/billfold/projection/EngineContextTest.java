package io.billfold.projection;

import io.billfold.platform.testing.TestDataDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** A test of the engine in a Spring context of its own, on a fresh embedded PostgreSQL. */
@SpringBootTest(classes = EngineTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
public abstract class EngineContextTest {

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        TestDataDir.register(registry);
    }
}
