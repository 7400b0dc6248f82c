package io.billfold.platform.personaldata;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;

/** The keys of personal data and the protection the event store's serializer applies with them. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PersonalDataSettings.class)
public class PersonalDataConfiguration {

    @Bean
    DataKeys dataKeys(JdbcTemplate jdbc, PersonalDataSettings settings) {
        return new DataKeys(jdbc, MasterKeys.resolve(settings.masterKey(), settings.previousMasterKey(), jdbc),
                settings);
    }

    @Bean
    PersonalDataProtection personalDataProtection(DataKeys keys) {
        return new PersonalDataProtection(keys);
    }

    @Bean
    ErasureSignal erasureSignal(DataSource dataSource, DataKeys keys) {
        return new ErasureSignal(dataSource, keys);
    }
}
