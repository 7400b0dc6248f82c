package io.billfold.platform.auth;

import io.billfold.platform.database.DatabaseSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;


/**
 * On the first start (no organization yet) creates the organization {@code default} with an admin key: the one in
 * {@code BILLFOLD_BOOTSTRAP_ADMIN_KEY}, or a random one printed once and written, readable by the owner only, to
 * {@code <data dir>/bootstrap-admin.key}. Several nodes starting at once create it once (advisory lock).
 */
@Component
@EnableConfigurationProperties({KeySettings.class, DatabaseSettings.class})
class BootstrapAdmin implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(BootstrapAdmin.class);
    private static final long BOOTSTRAP_LOCK = 0x62696c6c666f6c64L;

    private final KeyManagement management;
    private final ApiKeyStore store;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final String configuredKey;
    private final Path dataDir;

    BootstrapAdmin(KeyManagement management, ApiKeyStore store, JdbcTemplate jdbc, TransactionTemplate transaction,
                   KeySettings keys, DatabaseSettings database) {
        this.management = management;
        this.store = store;
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.configuredKey = keys.bootstrapAdminKey();
        this.dataDir = database.dataDir();
    }

    @Override
    public void run(ApplicationArguments args) {
        KeyManagement.NewOrganization created = transaction.execute(status -> {
            jdbc.queryForObject("select pg_advisory_xact_lock(?)", Object.class, BOOTSTRAP_LOCK);
            return store.anyOrganization() ? null
                    : management.createOrganization("default", configuredKey.isBlank() ? null : configuredKey);
        });
        if (created == null) {
            return;
        }
        if (!configuredKey.isBlank()) {
            log.info("Created organization 'default' ({}) with the admin key from BILLFOLD_BOOTSTRAP_ADMIN_KEY",
                    created.organization().id());
            return;
        }
        Path keyFile = writeKeyFile(created.adminKey());
        // Printed once, on purpose: this is the only way to learn a generated key besides the key file.
        System.out.println("Billfold: created organization 'default' with admin API key " + created.adminKey()
                + " (also written to " + keyFile + ")");
    }

    private Path writeKeyFile(String key) {
        try {
            Files.createDirectories(dataDir);
            Path file = dataDir.resolve("bootstrap-admin.key").toAbsolutePath();
            Files.deleteIfExists(file);
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException notPosix) {
                Files.createFile(file);
                file.toFile().setReadable(false, false);
                file.toFile().setReadable(true, true);
            }
            Files.writeString(file, key + System.lineSeparator());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the bootstrap admin key under " + dataDir, e);
        }
    }

}
