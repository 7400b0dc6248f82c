package io.billfold.query;

import io.billfold.platform.database.ModuleSchema;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The query side's own tables: the read models its projections build. */
@Configuration(proxyBeanMethods = false)
class QuerySideSchema {

    @Bean
    ModuleSchema querySchema() {
        return new ModuleSchema("query", "classpath:db/migration/query", 20);
    }
}
