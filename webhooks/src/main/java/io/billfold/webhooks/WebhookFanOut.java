package io.billfold.webhooks;

import io.billfold.api.event.PublicEventTypes;
import io.billfold.platform.auth.Ids;
import io.billfold.platform.background.WakeableLoop;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Array;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Creates the deliveries of the public events: one per event and enabled endpoint of its organization that wants its
 * type and was created before it. It follows the feed in position order from {@code webhook_fan_out}, which it moves
 * in the same transaction as the deliveries it creates, one node at a time (the row is locked, other nodes skip).
 * Because that position only ever moves forward, a replay of the event feed, which rebuilds the same events at the
 * same positions, creates no delivery again. When it passes a {@code customer.erased}, it forgets what receivers
 * answered to the customer's earlier events, in the same transaction: an answer may quote what the event showed.
 */
@Component
class WebhookFanOut extends WakeableLoop {

    private final PublishedEvents events;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final WebhookSender sender;
    private final DeliveryStore deliveries;
    private final WebhookSettings settings;
    private final Clock clock;

    WebhookFanOut(PublishedEvents events, JdbcTemplate jdbc, PlatformTransactionManager transactions,
                  WebhookSender sender, DeliveryStore deliveries, WebhookSettings settings, Clock clock) {
        super("webhook-fan-out");
        this.events = events;
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactions);
        this.sender = sender;
        this.deliveries = deliveries;
        this.settings = settings;
        this.clock = clock;
        events.onPublished(this::wakeUp);
    }

    @Override
    protected Duration step() {
        while (running() && Boolean.TRUE.equals(transactions.execute(status -> fanOutOnce()))) {
            sender.wakeUp();
        }
        return settings.pollInterval();
    }

    private record Subscriber(String endpointId, String organizationId, Set<String> types, long afterPosition) {
        boolean wants(PublishedEvents.Event event) {
            return organizationId.equals(event.organizationId()) && event.position() > afterPosition
                    && (types.contains(WebhookEndpoints.ALL_TYPES) || types.contains(event.type()));
        }
    }

    /** One step in one transaction; true when it moved the position (there may be more). */
    boolean fanOutOnce() {
        List<Long> cursor = jdbc.queryForList("select position from webhook_fan_out for update skip locked",
                Long.class);
        if (cursor.isEmpty()) {
            return false;
        }
        long position = cursor.get(0);
        PublishedEvents.Batch batch = events.after(position, settings.fanOutBatch());
        long reached = batch.events().size() == settings.fanOutBatch()
                ? batch.events().get(batch.events().size() - 1).position() : batch.finalBelow() - 1;
        if (reached <= position) {
            return false;
        }
        if (!batch.events().isEmpty()) {
            createDeliveries(batch.events());
            batch.events().stream().filter(event -> event.type().equals(PublicEventTypes.CUSTOMER_ERASED))
                    .forEach(erasure -> deliveries.forgetAnswers(erasure.organizationId(),
                            events.aboutErasedCustomer(erasure)));
        }
        jdbc.update("update webhook_fan_out set position = ?", reached);
        return true;
    }

    private void createDeliveries(List<PublishedEvents.Event> batch) {
        String[] organizations = batch.stream().map(PublishedEvents.Event::organizationId).distinct()
                .toArray(String[]::new);
        List<Subscriber> subscribers = jdbc.query("""
                select endpoint_id, organization_id, event_types, after_position from webhook_endpoint
                 where status = 'enabled' and organization_id = any(?)
                """, (rs, row) -> new Subscriber(rs.getString(1), rs.getString(2), texts(rs.getArray(3)),
                rs.getLong(4)), (Object) organizations);
        if (subscribers.isEmpty()) {
            return;
        }
        List<String> ids = new ArrayList<>();
        List<String> endpoints = new ArrayList<>();
        List<String> eventIds = new ArrayList<>();
        List<Long> positions = new ArrayList<>();
        List<String> types = new ArrayList<>();
        for (PublishedEvents.Event event : batch) {
            for (Subscriber subscriber : subscribers) {
                if (subscriber.wants(event)) {
                    ids.add(Ids.next("whd"));
                    endpoints.add(subscriber.endpointId());
                    eventIds.add(event.id());
                    positions.add(event.position());
                    types.add(event.type());
                }
            }
        }
        if (ids.isEmpty()) {
            return;
        }
        jdbc.update("""
                        insert into webhook_delivery (delivery_id, endpoint_id, event_id, event_position, event_type,
                                                      status, next_attempt_at)
                        select d.delivery_id, d.endpoint_id, d.event_id, d.event_position, d.event_type, 'pending', ?
                          from unnest(?::text[], ?::text[], ?::text[], ?::int8[], ?::text[])
                               as d(delivery_id, endpoint_id, event_id, event_position, event_type)
                        on conflict (endpoint_id, event_id) do nothing
                        """, Timestamp.from(clock.instant()), ids.toArray(String[]::new),
                endpoints.toArray(String[]::new), eventIds.toArray(String[]::new), positions.toArray(Long[]::new),
                types.toArray(String[]::new));
    }

    private static Set<String> texts(Array array) throws SQLException {
        return Arrays.stream((String[]) array.getArray()).collect(Collectors.toSet());
    }
}
