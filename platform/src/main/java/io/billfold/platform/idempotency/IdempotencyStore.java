package io.billfold.platform.idempotency;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Repository;

import java.time.Duration;
import java.util.Optional;

/**
 * First responses to POSTs sent with an {@code Idempotency-Key}, per organization. A success is stored in the same
 * transaction as the events it caused, so a stored response and its effect exist together or not at all.
 */
@Repository
class IdempotencyStore {

    private static final int DELETE_STEP = 10_000;

    private final JdbcTemplate jdbc;
    private final Duration retention;

    IdempotencyStore(JdbcTemplate jdbc, RequestSettings settings) {
        this.jdbc = jdbc;
        this.retention = settings.idempotency().retention();
    }

    record StoredResponse(byte[] fingerprint, int status, String contentType, String location, String position,
                          byte[] body) {
    }

    /**
     * Takes the key for the current transaction; false when another transaction holds it (the first request with
     * this key is still in flight).
     */
    boolean tryLock(String organizationId, String key) {
        return Boolean.TRUE.equals(jdbc.queryForObject("select pg_try_advisory_xact_lock(hashtextextended(?, 0))",
                Boolean.class, organizationId + ':' + key));
    }

    Optional<StoredResponse> find(String organizationId, String key) {
        return jdbc.query("""
                        select fingerprint, status, content_type, location, position, body from idempotency_record
                         where organization_id = ? and idempotency_key = ? and created_at > now() - ?::interval
                        """,
                (rs, row) -> new StoredResponse(rs.getBytes("fingerprint"), rs.getInt("status"),
                        rs.getString("content_type"), rs.getString("location"), rs.getString("position"),
                        rs.getBytes("body")),
                organizationId, key, retention.toSeconds() + " seconds").stream().findFirst();
    }

    void store(String organizationId, String key, StoredResponse response) {
        jdbc.update("""
                        insert into idempotency_record
                            (organization_id, idempotency_key, fingerprint, status, content_type, location, position, body)
                        values (?, ?, ?, ?, ?, ?, ?, ?)
                        on conflict (organization_id, idempotency_key) do update
                           set fingerprint = excluded.fingerprint, status = excluded.status,
                               content_type = excluded.content_type, location = excluded.location,
                               position = excluded.position, body = excluded.body, created_at = now()
                        """, organizationId, key, response.fingerprint(), response.status(), response.contentType(),
                response.location(), response.position(), response.body());
    }

    /**
     * Deletes expired records in steps of {@value #DELETE_STEP}, each its own short transaction, so a backlog never
     * becomes one long transaction holding back vacuum. Returns how many were deleted.
     */
    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT1M")
    int deleteExpired() {
        int total = 0;
        int deleted;
        do {
            deleted = jdbc.update("""
                            delete from idempotency_record where ctid = any (array(
                                select ctid from idempotency_record where created_at < now() - ?::interval limit ?))
                            """, retention.toSeconds() + " seconds", DELETE_STEP);
            total += deleted;
        } while (deleted == DELETE_STEP);
        return total;
    }
}
