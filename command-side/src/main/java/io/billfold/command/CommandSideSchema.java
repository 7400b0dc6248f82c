package io.billfold.command;

import io.billfold.platform.database.ModuleSchema;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The command side's own tables: the lookup tables behind its set-based rules. */
@Configuration(proxyBeanMethods = false)
class CommandSideSchema {

    @Bean
    ModuleSchema commandSchema() {
        return new ModuleSchema("command", "classpath:db/migration/command", 10);
    }
}
