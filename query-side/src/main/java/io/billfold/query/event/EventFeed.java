package io.billfold.query.event;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** Reads the feed: an organization's public events below the frontier, oldest first. */
@Component
class EventFeed {

    private final NamedParameterJdbcTemplate jdbc;
    private final FeedFrontier frontier;

    EventFeed(NamedParameterJdbcTemplate jdbc, FeedFrontier frontier) {
        this.jdbc = jdbc;
        this.frontier = frontier;
    }

    /** One page: the bodies, whether more follow, and the id of the last one (null when empty). */
    record Page(List<String> bodies, boolean hasMore, String lastId) {
        boolean isEmpty() {
            return bodies.isEmpty();
        }
    }

    private record Row(String id, String body) {
    }

    /** The events after {@code afterPosition}, of {@code types} (all when empty), at most {@code limit}. */
    Page page(String organizationId, long afterPosition, List<String> types, int limit) {
        MapSqlParameterSource parameters = new MapSqlParameterSource()
                .addValue("org", organizationId).addValue("after", afterPosition)
                .addValue("frontier", frontier.frontier()).addValue("limit", limit + 1)
                .addValue("types", types.toArray(String[]::new));
        List<Row> rows = jdbc.query("""
                select event_id, body from public_event
                 where organization_id = :org and position > :after and position < :frontier
                """ + (types.isEmpty() ? "" : " and type = any(:types)") + """
                 order by position limit :limit
                """, parameters, (rs, row) -> new Row(rs.getString(1), rs.getString(2)));
        boolean hasMore = rows.size() > limit;
        List<Row> page = hasMore ? rows.subList(0, limit) : rows;
        return new Page(page.stream().map(Row::body).toList(), hasMore,
                page.isEmpty() ? null : page.get(page.size() - 1).id());
    }

    /** The position of one of the organization's events. */
    OptionalLong position(String organizationId, String eventId) {
        return jdbc.query("select position from public_event where organization_id = :org and event_id = :id",
                        new MapSqlParameterSource("org", organizationId).addValue("id", eventId),
                        (rs, row) -> rs.getLong(1)).stream()
                .mapToLong(Long::longValue).findFirst();
    }

    Optional<String> body(String organizationId, String eventId) {
        return jdbc.query("select body from public_event where organization_id = :org and event_id = :id",
                new MapSqlParameterSource("org", organizationId).addValue("id", eventId),
                (rs, row) -> rs.getString(1)).stream().findFirst();
    }
}
