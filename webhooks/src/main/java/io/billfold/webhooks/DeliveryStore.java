package io.billfold.webhooks;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Deliveries in PostgreSQL ({@code webhook_delivery}): created by the fan-out, claimed by one node at a time with
 * {@code for update skip locked} and a lease, and completed by the node that holds the lease. Times come from the
 * webhooks' clock, not the database's, so that tests control them.
 */
@Repository
class DeliveryStore {

    private static final RowMapper<WebhookDelivery> DELIVERY = (rs, row) -> new WebhookDelivery(
            rs.getString("delivery_id"), rs.getString("event_id"), rs.getString("event_type"), rs.getString("status"),
            rs.getInt("attempts"), instant(rs.getTimestamp("last_attempt_at")),
            instant(rs.getTimestamp("next_attempt_at")), (Integer) rs.getObject("last_response_status"),
            rs.getString("last_response_body"), rs.getString("last_error"));

    private final JdbcTemplate jdbc;

    DeliveryStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A delivery a node has claimed: what to send where, and with which secrets. */
    record Claimed(String deliveryId, String endpointId, String eventId, long eventPosition, int attempts, String url,
                   byte[] secret, byte[] previousSecret, Instant previousUntil) {
    }

    /**
     * Leases up to {@code limit} due deliveries of enabled endpoints to {@code node}, with at most
     * {@code perEndpoint} of one endpoint in flight counting the {@code busy} ones the node already sends, and none
     * of those it is {@code sending} (whatever their lease says). Rows other nodes are claiming are skipped.
     */
    List<Claimed> claim(String node, Instant now, Instant leaseUntil, int limit, int perEndpoint,
                        Map<String, Integer> busy, Collection<String> sending) {
        String[] saturated = busy.entrySet().stream().filter(entry -> entry.getValue() >= perEndpoint)
                .map(Map.Entry::getKey).toArray(String[]::new);
        List<Claimed> candidates = jdbc.query("""
                        select d.delivery_id, d.endpoint_id, d.event_id, d.event_position, d.attempts, e.url, e.secret,
                               e.previous_secret, e.previous_until
                          from webhook_delivery d join webhook_endpoint e on e.endpoint_id = d.endpoint_id
                         where d.status = 'pending' and d.next_attempt_at <= ?
                           and (d.lease_expires_at is null or d.lease_expires_at < ?)
                           and e.status = 'enabled' and d.endpoint_id <> all(?) and d.delivery_id <> all(?)
                         order by d.next_attempt_at
                         limit ? for update of d skip locked
                        """, (rs, row) -> new Claimed(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                        rs.getInt(5), rs.getString(6), rs.getBytes(7), rs.getBytes(8), instant(rs.getTimestamp(9))),
                Timestamp.from(now), Timestamp.from(now), saturated, sending.toArray(String[]::new), limit * 4);
        List<Claimed> claimed = new ArrayList<>();
        Map<String, Integer> counts = new HashMap<>(busy);
        for (Claimed candidate : candidates) {
            if (claimed.size() < limit && counts.merge(candidate.endpointId(), 1, Integer::sum) <= perEndpoint) {
                claimed.add(candidate);
            }
        }
        if (!claimed.isEmpty()) {
            jdbc.update("update webhook_delivery set lease_owner = ?, lease_expires_at = ? where delivery_id = any(?)",
                    node, Timestamp.from(leaseUntil), claimed.stream().map(Claimed::deliveryId).toArray(String[]::new));
        }
        return claimed;
    }

    /** An attempt's outcome: what the receiver answered (status 0 when it did not), or why nothing was sent. */
    record Outcome(boolean delivered, int responseStatus, String responseBody, String error) {
    }

    /**
     * Records an attempt made under {@code node}'s lease; false when the lease was lost meanwhile (the outcome is then
     * dropped: another node owns the delivery). {@code nextAttemptAt} null: no more attempts ({@code failed}).
     */
    boolean record(String deliveryId, String node, Outcome outcome, Instant at, Instant nextAttemptAt) {
        String status = outcome.delivered() ? "succeeded" : nextAttemptAt == null ? "failed" : "pending";
        return jdbc.update("""
                        update webhook_delivery set status = ?, attempts = attempts + 1, last_attempt_at = ?,
                               next_attempt_at = ?, last_response_status = ?, last_response_body = ?, last_error = ?,
                               lease_owner = null, lease_expires_at = null
                         where delivery_id = ? and lease_owner = ?
                        """, status, Timestamp.from(at), nextAttemptAt == null ? null : Timestamp.from(nextAttemptAt),
                outcome.responseStatus() == 0 ? null : outcome.responseStatus(), outcome.responseBody(),
                outcome.error(), deliveryId, node) == 1;
    }

    /** After a delivery succeeded, its endpoint is no longer failing. */
    void endpointSucceeded(String endpointId) {
        jdbc.update("update webhook_endpoint set failing_since = null where endpoint_id = ? and failing_since is not null",
                endpointId);
    }

    /**
     * After an attempt failed: the endpoint is failing since then, unless it already was; and when every attempt
     * has failed for {@code disableAfter}, it is disabled ({@code failing}). True when this disabled it.
     */
    boolean endpointFailed(String endpointId, Instant at, Instant failingSinceDisables) {
        jdbc.update("update webhook_endpoint set failing_since = ? where endpoint_id = ? and failing_since is null",
                Timestamp.from(at), endpointId);
        return jdbc.update("""
                update webhook_endpoint set status = 'disabled', disabled_reason = 'failing', updated_at = ?
                 where endpoint_id = ? and status = 'enabled' and failing_since <= ?
                """, Timestamp.from(at), endpointId, Timestamp.from(failingSinceDisables)) == 1;
    }

    /** Newest event first, optionally of one status, after the delivery {@code startingAfter} (exclusive). */
    List<WebhookDelivery> list(String endpointId, String status, String startingAfter, int limit) {
        List<Object> arguments = new ArrayList<>(List.of(endpointId));
        StringBuilder sql = new StringBuilder("select * from webhook_delivery where endpoint_id = ?");
        if (status != null) {
            sql.append(" and status = ?");
            arguments.add(status);
        }
        if (startingAfter != null) {
            sql.append(" and (event_position, delivery_id) < (select event_position, delivery_id from webhook_delivery"
                    + " where endpoint_id = ? and delivery_id = ?)");
            arguments.add(endpointId);
            arguments.add(startingAfter);
        }
        sql.append(" order by event_position desc, delivery_id desc limit ?");
        arguments.add(limit);
        return jdbc.query(sql.toString(), DELIVERY, arguments.toArray());
    }

    Optional<WebhookDelivery> find(String endpointId, String deliveryId) {
        return jdbc.query("select * from webhook_delivery where endpoint_id = ? and delivery_id = ?", DELIVERY,
                endpointId, deliveryId).stream().findFirst();
    }

    /** Makes a delivery due now, whatever its state; its attempts so far still count. */
    void retryNow(String deliveryId, Instant now) {
        jdbc.update("update webhook_delivery set status = 'pending', next_attempt_at = ? where delivery_id = ?",
                Timestamp.from(now), deliveryId);
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
