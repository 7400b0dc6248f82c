package io.billfold.platform.database;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.nio.file.Path;

/**
 * Where the process keeps its files ({@code billfold.data-dir}: the embedded PostgreSQL's data and the bootstrap key
 * file), and the embedded PostgreSQL's port ({@code billfold.embedded-postgres.port}; 0 picks a free one).
 */
@ConfigurationProperties("billfold")
public record DatabaseSettings(Path dataDir, @DefaultValue EmbeddedPostgres embeddedPostgres) {

    public record EmbeddedPostgres(@DefaultValue("0") int port) {
    }
}
