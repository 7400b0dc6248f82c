package io.billfold.platform.auth;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Organizations and their API keys. Keys are read from the database on every request (a primary-key lookup), so a
 * revoked key stops working at once on every node.
 */
@Repository
class ApiKeyStore {

    private static final RowMapper<ApiKeyRecord> API_KEY = (rs, row) -> new ApiKeyRecord(
            rs.getString("id"), rs.getString("organization_id"), rs.getString("name"),
            Role.valueOf(rs.getString("role")), rs.getTimestamp("created_at").toInstant());

    private final JdbcTemplate jdbc;

    ApiKeyStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    record ApiKeyRecord(String id, String organizationId, String name, Role role, Instant createdAt) {
    }

    record Organization(String id, String name, Instant createdAt) {
    }

    Optional<Caller> authenticate(String presentedKey) {
        byte[] digest = ApiKeySecrets.digest(presentedKey);
        return jdbc.query("""
                        select id, organization_id, name, role, secret_digest from api_key
                         where lookup_prefix = ? and revoked_at is null
                        """,
                        (rs, row) -> ApiKeySecrets.matches(rs.getBytes("secret_digest"), digest)
                                ? new Caller(rs.getString("organization_id"), rs.getString("id"), rs.getString("name"),
                                Role.valueOf(rs.getString("role")), false)
                                : null,
                        ApiKeySecrets.lookupPrefix(digest))
                .stream().filter(caller -> caller != null).findFirst();
    }

    Organization createOrganization(String name) {
        Organization organization = new Organization(Ids.next("org"), name, Instant.now());
        jdbc.update("insert into organization (id, name, created_at) values (?, ?, ?)",
                organization.id(), organization.name(), Timestamp.from(organization.createdAt()));
        return organization;
    }

    boolean anyOrganization() {
        return Boolean.TRUE.equals(jdbc.queryForObject("select exists (select 1 from organization)", Boolean.class));
    }

    ApiKeyRecord createKey(String organizationId, String name, Role role, String secret) {
        byte[] digest = ApiKeySecrets.digest(secret);
        ApiKeyRecord key = new ApiKeyRecord(Ids.next("key"), organizationId, name, role, Instant.now());
        jdbc.update("""
                        insert into api_key (id, organization_id, name, role, lookup_prefix, secret_digest, created_at)
                        values (?, ?, ?, ?, ?, ?, ?)
                        """, key.id(), organizationId, name, role.name(), ApiKeySecrets.lookupPrefix(digest), digest,
                Timestamp.from(key.createdAt()));
        return key;
    }

    List<ApiKeyRecord> liveKeys(String organizationId) {
        return jdbc.query("""
                select id, organization_id, name, role, created_at from api_key
                 where organization_id = ? and revoked_at is null order by id
                """, API_KEY, organizationId);
    }

    boolean revoke(String organizationId, String keyId) {
        return jdbc.update("update api_key set revoked_at = now() where organization_id = ? and id = ? and revoked_at is null",
                organizationId, keyId) == 1;
    }
}
