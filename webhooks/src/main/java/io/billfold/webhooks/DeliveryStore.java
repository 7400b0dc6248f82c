package io.billfold.webhooks;

import io.billfold.platform.database.PlannedPerExecution;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Deliveries in PostgreSQL ({@code webhook_delivery}): created by the fan-out, claimed by one node at a time with
 * {@code for update skip locked} and a lease, and completed by the node that holds the lease. Times come from the
 * webhooks' clock, not the database's, so that tests control them. The statements over a round's deliveries are
 * planned at every execution ({@link PlannedPerExecution}): kept generic plans, made while the table was small, scanned
 * it whole at every claim and record (10 ms and 5 ms each, growing, in the webhooks bench).
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
     * Leases up to {@code limit} due deliveries of enabled endpoints to {@code node}, at most {@code perEndpoint} of one
     * endpoint counting the {@code busy} ones the node already holds, and none of those it {@code holds} (whatever
     * their lease says). The oldest due ones are read, and only those chosen are locked, skipping any that another
     * node is claiming at the same moment; a lease is taken only if its delivery is still due and unleased then.
     * Called in a transaction.
     */
    List<Claimed> claim(String node, Instant now, Instant leaseUntil, int limit, int perEndpoint,
                        Map<String, Integer> busy, Collection<String> holds) {
        String[] saturated = busy.entrySet().stream().filter(entry -> entry.getValue() >= perEndpoint)
                .map(Map.Entry::getKey).toArray(String[]::new);
        // Without statistics on webhook_delivery (autovacuum off, or a backlog younger than its last analyze) the
        // planner takes the due index for a few rows, reads every due delivery and sorts them: 30 ms per claim with
        // 14,000 due in the webhooks bench. The index is in due order, so reading it in order stops at the limit
        // (0.3 ms), which is the plan whatever the statistics say.
        jdbc.execute("set local enable_sort = off");
        List<String[]> due = jdbc.query(PlannedPerExecution.statement("""
                        select d.delivery_id, d.endpoint_id
                          from webhook_delivery d join webhook_endpoint e on e.endpoint_id = d.endpoint_id
                         where d.status = 'pending' and d.next_attempt_at <= ?
                           and (d.lease_expires_at is null or d.lease_expires_at < ?)
                           and e.status = 'enabled' and d.endpoint_id <> all(?) and d.delivery_id <> all(?)
                         order by d.next_attempt_at
                         limit ?
                        """, Timestamp.from(now), Timestamp.from(now), saturated, holds.toArray(String[]::new), limit),
                (rs, row) -> new String[] {rs.getString(1), rs.getString(2)});
        List<String> chosen = new ArrayList<>();
        Map<String, Integer> counts = new HashMap<>(busy);
        for (String[] delivery : due) {
            if (chosen.size() < limit && counts.merge(delivery[1], 1, Integer::sum) <= perEndpoint) {
                chosen.add(delivery[0]);
            }
        }
        if (chosen.isEmpty()) {
            return List.of();
        }
        Map<String, Integer> order = new HashMap<>();
        chosen.forEach(id -> order.put(id, order.size()));
        // The deliveries are locked first, by their keys alone, and checked afterwards: a condition on the updated
        // table itself would let the planner (without statistics) read every due delivery again.
        return jdbc.query(PlannedPerExecution.statement("""
                        with locked as materialized (
                            select delivery_id, status, next_attempt_at, lease_expires_at from webhook_delivery
                             where delivery_id = any(?) for update skip locked)
                        update webhook_delivery d set lease_owner = ?, lease_expires_at = ?
                          from locked l, webhook_endpoint e
                         where d.delivery_id = l.delivery_id and l.status = 'pending' and l.next_attempt_at <= ?
                           and (l.lease_expires_at is null or l.lease_expires_at < ?)
                           and e.endpoint_id = d.endpoint_id and e.status = 'enabled'
                        returning d.delivery_id, d.endpoint_id, d.event_id, d.event_position, d.attempts, e.url,
                                  e.secret, e.previous_secret, e.previous_until
                        """, chosen.toArray(String[]::new), node, Timestamp.from(leaseUntil), Timestamp.from(now),
                        Timestamp.from(now)),
                (rs, row) -> new Claimed(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                        rs.getInt(5), rs.getString(6), rs.getBytes(7), rs.getBytes(8), instant(rs.getTimestamp(9))))
                .stream()
                .sorted(Comparator.comparing(claimed -> order.get(claimed.deliveryId())))
                .toList();
    }

    /** Gives up leases {@code node} holds without an attempt, so that any node may claim the deliveries again. */
    void release(String node, List<String> deliveryIds) {
        if (!deliveryIds.isEmpty()) {
            jdbc.update(PlannedPerExecution.statement("update webhook_delivery set lease_owner = null,"
                    + " lease_expires_at = null where delivery_id = any(?) and lease_owner = ?",
                    deliveryIds.toArray(String[]::new), node));
        }
    }

    /** An attempt's outcome: what the receiver answered (status 0 when it did not), or why nothing was sent. */
    record Outcome(boolean delivered, int responseStatus, String responseBody, String error) {
    }

    /** An attempt that ended: its outcome, when, and when to try again (null: no more attempts). */
    record Attempt(Claimed delivery, Outcome outcome, Instant at, Instant nextAttemptAt) {

        String status() {
            return outcome.delivered() ? "succeeded" : nextAttemptAt == null ? "failed" : "pending";
        }
    }

    /**
     * Records attempts made under {@code node}'s leases in one statement, and answers the ids of those recorded. An
     * attempt whose lease was lost meanwhile is not among them: its outcome is dropped, another node owns the delivery.
     */
    Set<String> record(String node, List<Attempt> attempts) {
        if (attempts.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(jdbc.query(PlannedPerExecution.statement("""
                        update webhook_delivery d
                           set status = a.status, attempts = d.attempts + 1, last_attempt_at = a.at,
                               next_attempt_at = a.next_attempt_at, last_response_status = a.response_status,
                               last_response_body = a.response_body, last_error = a.error,
                               lease_owner = null, lease_expires_at = null
                          from unnest(?::text[], ?::text[], ?::timestamptz[], ?::timestamptz[], ?::int4[], ?::text[],
                                      ?::text[])
                               as a(delivery_id, status, at, next_attempt_at, response_status, response_body, error)
                         where d.delivery_id = a.delivery_id and d.lease_owner = ?
                        returning d.delivery_id
                        """, texts(attempts, attempt -> attempt.delivery().deliveryId()),
                        texts(attempts, Attempt::status), texts(attempts, attempt -> attempt.at().toString()),
                        texts(attempts, attempt -> attempt.nextAttemptAt() == null ? null
                                : attempt.nextAttemptAt().toString()),
                        attempts.stream().map(attempt -> attempt.outcome().responseStatus() == 0 ? null
                                : attempt.outcome().responseStatus()).toArray(Integer[]::new),
                        texts(attempts, attempt -> attempt.outcome().responseBody()),
                        texts(attempts, attempt -> attempt.outcome().error()), node),
                (rs, row) -> rs.getString(1)));
    }

    /**
     * Applies what recorded attempts said of an endpoint ({@link EndpointHealth}); when every attempt has failed for
     * {@code disableAfter}, the endpoint is disabled ({@code failing}). True when this disabled it.
     */
    boolean endpointHealth(String endpointId, EndpointHealth health, Duration disableAfter) {
        if (health.succeeded()) {
            jdbc.update("update webhook_endpoint set failing_since = ? where endpoint_id = ?"
                    + " and failing_since is distinct from ?", timestamp(health.failingSince()), endpointId,
                    timestamp(health.failingSince()));
        } else if (health.failingSince() != null) {
            jdbc.update("update webhook_endpoint set failing_since = ? where endpoint_id = ? and failing_since is null",
                    timestamp(health.failingSince()), endpointId);
        }
        return health.lastFailure() != null && jdbc.update("""
                update webhook_endpoint set status = 'disabled', disabled_reason = 'failing', updated_at = ?
                 where endpoint_id = ? and status = 'enabled' and failing_since <= ?
                """, Timestamp.from(health.lastFailure()), endpointId,
                Timestamp.from(health.lastFailure().minus(disableAfter))) == 1;
    }

    /**
     * Forgets what receivers of the organization answered to these events' deliveries: after an erasure, an answer
     * may quote the personal data the event showed.
     */
    void forgetAnswers(String organizationId, Collection<String> eventIds) {
        if (!eventIds.isEmpty()) {
            jdbc.update(PlannedPerExecution.statement("""
                    update webhook_delivery set last_response_body = null
                     where endpoint_id = any(array(select endpoint_id from webhook_endpoint where organization_id = ?))
                       and event_id = any(?) and last_response_body is not null
                    """, organizationId, eventIds.toArray(String[]::new)));
        }
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

    private static String[] texts(List<Attempt> attempts, Function<Attempt, String> text) {
        return attempts.stream().map(text).toArray(String[]::new);
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
