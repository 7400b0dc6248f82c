package io.billfold.webhooks;

import io.billfold.platform.database.ModuleSchema;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The webhooks' own tables: endpoints, deliveries, the fan-out position. */
@Configuration(proxyBeanMethods = false)
class WebhooksSchema {

    @Bean
    ModuleSchema webhookTables() {
        return new ModuleSchema("webhooks", "classpath:db/migration/webhooks", 30);
    }
}
