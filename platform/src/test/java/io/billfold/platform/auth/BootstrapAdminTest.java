package io.billfold.platform.auth;

import io.billfold.platform.PlatformTestApplication;
import io.billfold.platform.testing.TestDataDir;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;

/** A first start without a configured admin key generates one, stores only its digest, and hands it over once. */
@SpringBootTest(classes = PlatformTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
class BootstrapAdminTest {

    private static final Path DATA_DIR = TestDataDir.create();

    @Autowired
    ApiKeyStore keys;
    @Autowired
    BootstrapAdmin bootstrap;
    @Autowired
    JdbcTemplate jdbc;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("billfold.data-dir", DATA_DIR::toString);
        registry.add("billfold.bootstrap-admin-key", () -> "");
    }

    @Test
    void theGeneratedKeyIsWrittenForTheOwnerOnlyAndAuthenticatesAsAdminOfDefault() throws IOException {
        Path keyFile = DATA_DIR.resolve("bootstrap-admin.key");
        assertThat(keyFile).exists();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
        String key = Files.readString(keyFile).strip();

        Caller caller = keys.authenticate(key).orElseThrow();
        assertThat(caller.role()).isEqualTo(Role.ADMIN);
        assertThat(jdbc.queryForObject("select name from organization where id = ?", String.class,
                caller.organizationId())).isEqualTo("default");
        assertThat(jdbc.queryForObject("select count(*) from api_key where secret_digest = convert_to(?, 'UTF8')",
                Long.class, key)).isZero();
    }

    @Test
    void aSecondStartCreatesNothing() throws Exception {
        Long organizations = jdbc.queryForObject("select count(*) from organization", Long.class);
        bootstrap.run(null);
        assertThat(jdbc.queryForObject("select count(*) from organization", Long.class)).isEqualTo(organizations);
    }

    @Test
    void unknownAndRevokedKeysDoNotAuthenticate() {
        assertThat(keys.authenticate("bf_unknown")).isEmpty();
        String organization = keys.createOrganization("revocation").id();
        ApiKeyStore.ApiKeyRecord key = keys.createKey(organization, "temp", Role.READER, "bf_temporary-secret");
        assertThat(keys.authenticate("bf_temporary-secret")).isPresent();
        assertThat(keys.revoke(organization, key.id())).isTrue();
        assertThat(keys.authenticate("bf_temporary-secret")).isEmpty();
    }
}
