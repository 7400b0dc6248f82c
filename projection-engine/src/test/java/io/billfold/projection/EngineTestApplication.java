package io.billfold.projection;

import io.billfold.platform.database.ModuleSchema;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * The engine on the platform, with one small projection ({@link NoteProjection}) and no read model of the query side.
 * The tables the engine keeps its state in are created by the query side's migration {@code V4} in the application;
 * here the build copies that file into a test schema of its own.
 */
@SpringBootApplication(scanBasePackages = {"io.billfold.platform", "io.billfold.projection"})
public class EngineTestApplication {

    @Bean
    ModuleSchema engineTestSchema() {
        return new ModuleSchema("engine-test", "classpath:db/migration/engine-test", 20);
    }
}
