package io.billfold.platform.database;

import io.billfold.platform.personaldata.EncryptHistoryMigration;
import io.billfold.platform.personaldata.PersonalDataSettings;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.migration.JavaMigration;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.Comparator;
import java.util.List;

/**
 * Runs every module's migrations, in order, where Spring Boot runs Flyway: before JPA and anything else that uses
 * the database. Concurrent starts of several nodes are serialised by Flyway's own database lock.
 */
@Configuration(proxyBeanMethods = false)
class SchemaMigrationConfiguration {

    static final ModuleSchema PLATFORM = new ModuleSchema("platform", "classpath:db/migration/platform", 0);

    @Bean
    ModuleSchema platformSchema() {
        return PLATFORM;
    }

    /** The platform's Java migration (its scripts come from its location); the other modules have scripts only. */
    @Bean
    FlywayMigrationStrategy moduleMigrations(List<ModuleSchema> modules, PersonalDataSettings personalData) {
        JavaMigration[] platformJava = {new EncryptHistoryMigration(personalData)};
        return flyway -> modules.stream()
                .sorted(Comparator.comparingInt(ModuleSchema::order))
                .forEach(module -> Flyway.configure()
                        .configuration(flyway.getConfiguration())
                        .locations(module.location())
                        .table(module.historyTable())
                        .javaMigrations(module.equals(PLATFORM) ? platformJava : new JavaMigration[0])
                        // Each module's history starts empty in a schema the modules before it already filled.
                        .baselineOnMigrate(true)
                        .baselineVersion("0")
                        .load()
                        .migrate());
    }
}
