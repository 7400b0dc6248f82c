package io.billfold.webhooks;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

/** The webhooks' settings and clock (tests replace it with one they control: back-off, rotation, disabling). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({WebhookSettings.class, MasterKeySettings.class})
class WebhooksConfiguration {

    @Bean
    Clock webhookClock() {
        return Clock.systemUTC();
    }
}
