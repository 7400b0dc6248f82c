package io.billfold.webhooks;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

import java.sql.Array;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Webhook endpoints in PostgreSQL ({@code webhook_endpoint}); every read and write is within one organization. */
@Repository
class EndpointStore {

    private static final String COLUMNS = """
            endpoint_id, url, event_types, description, status, disabled_reason, created_at, updated_at
            """;
    private static final RowMapper<WebhookEndpoint> ENDPOINT = (rs, row) -> new WebhookEndpoint(
            rs.getString("endpoint_id"), rs.getString("url"), texts(rs.getArray("event_types")),
            rs.getString("description"), rs.getString("status"), rs.getString("disabled_reason"), null,
            rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());

    private final JdbcTemplate jdbc;

    EndpointStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** What a new endpoint is made of; {@code afterPosition}: it receives the events above it. */
    record NewEndpoint(String id, String organizationId, String url, List<String> eventTypes, String description,
                       byte[] sealedSecret, long afterPosition, Instant at) {
    }

    void create(NewEndpoint endpoint) {
        jdbc.update("""
                        insert into webhook_endpoint (endpoint_id, organization_id, url, event_types, description, status,
                                                      secret, after_position, created_at, updated_at)
                        values (?, ?, ?, ?, ?, 'enabled', ?, ?, ?, ?)
                        """, endpoint.id(), endpoint.organizationId(), endpoint.url(),
                endpoint.eventTypes().toArray(String[]::new), endpoint.description(), endpoint.sealedSecret(),
                endpoint.afterPosition(), Timestamp.from(endpoint.at()), Timestamp.from(endpoint.at()));
    }

    /** The endpoint, locked until the transaction ends when {@code forUpdate}. */
    Optional<WebhookEndpoint> find(String organizationId, String endpointId, boolean forUpdate) {
        return jdbc.query("select " + COLUMNS + " from webhook_endpoint where organization_id = ? and endpoint_id = ?"
                + (forUpdate ? " for update" : ""), ENDPOINT, organizationId, endpointId).stream().findFirst();
    }

    /** Newest first, after the endpoint {@code startingAfter} (exclusive) when given. */
    List<WebhookEndpoint> list(String organizationId, String startingAfter, int limit) {
        return startingAfter == null
                ? jdbc.query("select " + COLUMNS + " from webhook_endpoint where organization_id = ? "
                + "order by endpoint_id desc limit ?", ENDPOINT, organizationId, limit)
                : jdbc.query("select " + COLUMNS + " from webhook_endpoint where organization_id = ? and endpoint_id < ? "
                + "order by endpoint_id desc limit ?", ENDPOINT, organizationId, startingAfter, limit);
    }

    void update(String endpointId, String url, List<String> eventTypes, String description, String status,
                String disabledReason, Instant at) {
        jdbc.update("""
                        update webhook_endpoint set url = ?, event_types = ?, description = ?, status = ?,
                               disabled_reason = ?, failing_since = case when ? = 'enabled' then null else failing_since end,
                               updated_at = ?
                         where endpoint_id = ?
                        """, url, eventTypes.toArray(String[]::new), description, status, disabledReason, status,
                Timestamp.from(at), endpointId);
    }

    /** Replaces the secret; the one it replaces keeps signing until {@code previousUntil}. */
    void rotate(String endpointId, byte[] sealedSecret, Instant previousUntil, Instant at) {
        jdbc.update("""
                update webhook_endpoint set previous_secret = secret, previous_until = ?, secret = ?, updated_at = ?
                 where endpoint_id = ?
                """, Timestamp.from(previousUntil), sealedSecret, Timestamp.from(at), endpointId);
    }

    boolean delete(String organizationId, String endpointId) {
        return jdbc.update("delete from webhook_endpoint where organization_id = ? and endpoint_id = ?",
                organizationId, endpointId) == 1;
    }

    private static List<String> texts(Array array) throws SQLException {
        return Arrays.asList((String[]) array.getArray());
    }
}
