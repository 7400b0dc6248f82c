package io.billfold.query.event;

import io.billfold.webhooks.PublishedEvents;
import io.billfold.platform.database.PlannedPerExecution;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The feed as the webhooks read it: every organization's final events in position order, their bodies, and which
 * events named an erased customer (found as {@link ErasedFeed} finds them).
 */
@Component
class FeedForWebhooks implements PublishedEvents {

    private final JdbcTemplate jdbc;
    private final FeedFrontier frontier;

    FeedForWebhooks(JdbcTemplate jdbc, FeedFrontier frontier) {
        this.jdbc = jdbc;
        this.frontier = frontier;
    }

    @Override
    public Batch after(long position, int limit) {
        long finalBelow = frontier.frontier();
        List<Event> events = jdbc.query("""
                        select position, event_id, organization_id, type from public_event
                         where position > ? and position < ? order by position limit ?
                        """, (rs, row) -> new Event(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)),
                position, finalBelow, limit);
        return new Batch(events, finalBelow);
    }

    @Override
    public Map<Long, String> bodies(Collection<Long> positions) {
        Map<Long, String> bodies = new HashMap<>();
        jdbc.query(PlannedPerExecution.statement("select position, body from public_event where position = any(?)",
                (Object) positions.toArray(Long[]::new)), rs -> {
                    bodies.put(rs.getLong(1), rs.getString(2));
                });
        return bodies;
    }

    @Override
    public List<String> aboutErasedCustomer(Event erasure) {
        String body = bodies(List.of(erasure.position())).get(erasure.position());
        String customerId = body == null ? null
                : EventJson.parse(body).path("data").path("object").path("id").asString(null);
        if (customerId == null) {
            return List.of();
        }
        return jdbc.queryForList("select event_id from public_event where " + ErasedFeed.NAMING, String.class,
                ErasedFeed.named(erasure.organizationId(), customerId));
    }

    @Override
    public void onPublished(Runnable listener) {
        frontier.addListener((from, to) -> listener.run());
    }
}
